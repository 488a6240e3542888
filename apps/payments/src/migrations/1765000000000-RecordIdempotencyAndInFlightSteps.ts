import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recovery points for payment intents. `idempotency_key` is the key of the request that created the
 * intent, so a retry after a crash finds the intent instead of creating a second; `confirmation_key`
 * is the key of the confirmation that claimed it last; `in_flight` names the gateway call a
 * `processing` intent waits for (which attempt, or a capture of how much), so that a retry, a cancel or
 * the sweeper can ask the gateway what became of it.
 */
export class RecordIdempotencyAndInFlightSteps1765000000000 implements MigrationInterface {
  name = 'RecordIdempotencyAndInFlightSteps1765000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "payments"."payment_intents"
      ADD COLUMN "idempotency_key" text,
      ADD COLUMN "confirmation_key" text,
      ADD COLUMN "in_flight" jsonb`);
    await runner.query(
      `CREATE UNIQUE INDEX "payment_intents_idempotency_key_key" ON "payments"."payment_intents" ("merchant_id", "livemode", "idempotency_key") WHERE "idempotency_key" IS NOT NULL`,
    );
    await runner.query(`CREATE INDEX "payment_intents_processing_idx" ON "payments"."payment_intents" ("updated_at") WHERE "status" = 'processing'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "payments"."payment_intents_processing_idx"`);
    await runner.query(`DROP INDEX "payments"."payment_intents_idempotency_key_key"`);
    await runner.query(`ALTER TABLE "payments"."payment_intents" DROP COLUMN "in_flight", DROP COLUMN "confirmation_key", DROP COLUMN "idempotency_key"`);
  }
}
