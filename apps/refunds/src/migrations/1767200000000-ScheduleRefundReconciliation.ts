import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A pending refund's reconciliation schedule, shared by every refunds replica: how many times the
 * gateway was asked, when next (null: the first try, a schedule step after `created_at`), why the last
 * try did not settle it, and `gave_up` after a week.
 */
export class ScheduleRefundReconciliation1767200000000 implements MigrationInterface {
  name = 'ScheduleRefundReconciliation1767200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "refunds"."refunds"
      ADD COLUMN "reconciliation_attempts" integer NOT NULL DEFAULT 0,
      ADD COLUMN "reconciliation_next_at" timestamptz,
      ADD COLUMN "reconciliation_last_error" text,
      ADD COLUMN "reconciliation" text,
      ADD CONSTRAINT "refunds_reconciliation_check" CHECK ("reconciliation" IN ('gave_up'))`);
    await runner.query(`CREATE INDEX "refunds_pending_idx" ON "refunds"."refunds" ("created_at") WHERE "status" = 'pending'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "refunds"."refunds_pending_idx"`);
    await runner.query(`ALTER TABLE "refunds"."refunds"
      DROP CONSTRAINT "refunds_reconciliation_check",
      DROP COLUMN "reconciliation",
      DROP COLUMN "reconciliation_last_error",
      DROP COLUMN "reconciliation_next_at",
      DROP COLUMN "reconciliation_attempts"`);
  }
}
