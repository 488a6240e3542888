import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The `Idempotency-Key` a refund was created under, and a digest of the request that used it, so that a
 * retry whose first attempt's reply was lost finds that refund instead of making a second one.
 */
export class AddRefundIdempotencyKey1767900000000 implements MigrationInterface {
  name = 'AddRefundIdempotencyKey1767900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "refunds"."refunds"
      ADD COLUMN "idempotency_key" text,
      ADD COLUMN "idempotency_request" text`);
    await runner.query(`CREATE UNIQUE INDEX "refunds_idempotency_key_idx" ON "refunds"."refunds" ("merchant_id", "livemode", "idempotency_key")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "refunds"."refunds_idempotency_key_idx"`);
    await runner.query(`ALTER TABLE "refunds"."refunds" DROP COLUMN "idempotency_request", DROP COLUMN "idempotency_key"`);
  }
}
