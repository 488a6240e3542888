import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A transaction has at most one hidden endpoint, so that learning its target again (a redelivered event,
 * a retried request) makes nothing twice; and the sweeper finds the live ones whose session ended by when
 * it ended (`transaction.ended_at`, ISO 8601 in UTC, which sorts as it compares).
 */
export class AddTransactionWebhookLifecycle1768600000000 implements MigrationInterface {
  name = 'AddTransactionWebhookLifecycle1768600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE UNIQUE INDEX "webhook_endpoints_transaction_key" ON "webhooks"."webhook_endpoints" ("merchant_id", "livemode", ("transaction"->>'id')) WHERE "transaction" IS NOT NULL`,
    );
    await runner.query(`DROP INDEX "webhooks"."webhook_endpoints_transaction_idx"`);
    await runner.query(
      `CREATE INDEX "webhook_endpoints_transaction_ended_idx" ON "webhooks"."webhook_endpoints" (("transaction"->>'ended_at')) WHERE "transaction" IS NOT NULL AND "deleted_at" IS NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "webhooks"."webhook_endpoints_transaction_ended_idx"`);
    await runner.query(
      `CREATE INDEX "webhook_endpoints_transaction_idx" ON "webhooks"."webhook_endpoints" ("merchant_id", "livemode", ("transaction"->>'id')) WHERE "transaction" IS NOT NULL`,
    );
    await runner.query(`DROP INDEX "webhooks"."webhook_endpoints_transaction_key"`);
  }
}
