import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hidden endpoints for one transaction each (the gateway API document's per-payment `webhook_url`):
 * which transaction, its order id, the signing key that signs and, once paid, its PaymentIntent.
 * Found by transaction or by PaymentIntent when an event comes in.
 */
export class AddTransactionWebhooks1768400000000 implements MigrationInterface {
  name = 'AddTransactionWebhooks1768400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "webhooks"."webhook_endpoints" ADD COLUMN "transaction" jsonb`);
    await runner.query(
      `CREATE INDEX "webhook_endpoints_transaction_idx" ON "webhooks"."webhook_endpoints" ("merchant_id", "livemode", ("transaction"->>'id')) WHERE "transaction" IS NOT NULL`,
    );
    await runner.query(
      `CREATE INDEX "webhook_endpoints_transaction_intent_idx" ON "webhooks"."webhook_endpoints" ("merchant_id", "livemode", ("transaction"->>'payment_intent')) WHERE "transaction" IS NOT NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "webhooks"."webhook_endpoints_transaction_intent_idx"`);
    await runner.query(`DROP INDEX "webhooks"."webhook_endpoints_transaction_idx"`);
    await runner.query(`ALTER TABLE "webhooks"."webhook_endpoints" DROP COLUMN "transaction"`);
  }
}
