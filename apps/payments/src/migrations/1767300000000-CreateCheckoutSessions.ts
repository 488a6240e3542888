import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCheckoutSessions1767300000000 implements MigrationInterface {
  name = 'CreateCheckoutSessions1767300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "payments"."checkout_sessions" (
      "id" text NOT NULL,
      "merchant_id" text NOT NULL,
      "livemode" boolean NOT NULL,
      "status" text NOT NULL,
      "payment_status" text NOT NULL,
      "currency" text NOT NULL,
      "amount_subtotal" bigint NOT NULL,
      "amount_total" bigint NOT NULL,
      "line_items" jsonb NOT NULL,
      "success_url" text NOT NULL,
      "cancel_url" text,
      "customer" text,
      "customer_email" text,
      "customer_name" text,
      "client_reference_id" text,
      "order_id" text,
      "customer_phone" text,
      "metadata" jsonb NOT NULL DEFAULT '{}'::jsonb,
      "payment_method_types" jsonb NOT NULL,
      "payment_intent_data" jsonb NOT NULL DEFAULT '{}'::jsonb,
      "payment_intent" text,
      "locale" text,
      "expires_at" timestamptz NOT NULL,
      "completed_at" timestamptz,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "checkout_sessions_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "checkout_sessions_payment_intent_fkey" FOREIGN KEY ("payment_intent") REFERENCES "payments"."payment_intents" ("id"),
      CONSTRAINT "checkout_sessions_status_known" CHECK ("status" IN ('open', 'complete', 'expired')),
      CONSTRAINT "checkout_sessions_payment_status_known" CHECK ("payment_status" IN ('paid', 'unpaid', 'no_payment_required')),
      CONSTRAINT "checkout_sessions_amounts_positive" CHECK ("amount_subtotal" >= 0 AND "amount_total" >= 0)
    )`);
    await runner.query(`CREATE INDEX "checkout_sessions_merchant_created_idx" ON "payments"."checkout_sessions" ("merchant_id", "livemode", "created_at" DESC, "id" DESC)`);
    await runner.query(`CREATE UNIQUE INDEX "checkout_sessions_payment_intent_idx" ON "payments"."checkout_sessions" ("payment_intent") WHERE "payment_intent" IS NOT NULL`);
    // The gateway API's `order_id` is unique per merchant and mode.
    await runner.query(`CREATE UNIQUE INDEX "checkout_sessions_order_id_idx" ON "payments"."checkout_sessions" ("merchant_id", "livemode", "order_id") WHERE "order_id" IS NOT NULL`);
    // The expiry sweep reads only open sessions, oldest deadline first.
    await runner.query(`CREATE INDEX "checkout_sessions_open_expiry_idx" ON "payments"."checkout_sessions" ("expires_at") WHERE "status" = 'open'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "payments"."checkout_sessions"`);
  }
}
