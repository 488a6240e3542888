import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rest of the PaymentIntent lifecycle: 3D Secure (the pending authorisation, the redirect page's
 * single-use token, `next_action`, `return_url`), and charges that can be listed and carry Stripe's
 * receipt fields, with the unguessable token of their receipt page.
 */
export class AddPaymentIntentLifecycle1764300000000 implements MigrationInterface {
  name = 'AddPaymentIntentLifecycle1764300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "payments"."payment_intents"
      ADD COLUMN "next_action" jsonb,
      ADD COLUMN "return_url" text,
      ADD COLUMN "authentication_token" text,
      ADD COLUMN "pending_authorization" text`);
    await runner.query(
      `CREATE INDEX "payment_intents_merchant_customer_created_idx" ON "payments"."payment_intents" ("merchant_id", "livemode", "customer", "created_at" DESC, "id" DESC) WHERE "customer" IS NOT NULL`,
    );
    await runner.query(`ALTER TABLE "payments"."charges"
      ADD COLUMN "customer" text,
      ADD COLUMN "description" text,
      ADD COLUMN "receipt_email" text,
      ADD COLUMN "statement_descriptor" text,
      ADD COLUMN "receipt_number" text,
      ADD COLUMN "receipt_token" text`);
    await runner.query(`CREATE INDEX "charges_merchant_created_idx" ON "payments"."charges" ("merchant_id", "livemode", "created_at" DESC, "id" DESC)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "payments"."charges_merchant_created_idx"`);
    await runner.query(`ALTER TABLE "payments"."charges"
      DROP COLUMN "receipt_token",
      DROP COLUMN "receipt_number",
      DROP COLUMN "statement_descriptor",
      DROP COLUMN "receipt_email",
      DROP COLUMN "description",
      DROP COLUMN "customer"`);
    await runner.query(`DROP INDEX "payments"."payment_intents_merchant_customer_created_idx"`);
    await runner.query(`ALTER TABLE "payments"."payment_intents"
      DROP COLUMN "pending_authorization",
      DROP COLUMN "authentication_token",
      DROP COLUMN "return_url",
      DROP COLUMN "next_action"`);
  }
}
