import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A `processing` intent's reconciliation schedule, shared by every payments replica: the processing
 * episode it belongs to (the intent's `updated_at` when it went `processing`), how many times the
 * gateway was asked, when next, why the last try did not settle it, and `gave_up` after a week.
 */
export class ScheduleReconciliation1767200000000 implements MigrationInterface {
  name = 'ScheduleReconciliation1767200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "payments"."payment_intents"
      ADD COLUMN "reconciliation_since" timestamptz,
      ADD COLUMN "reconciliation_attempts" integer NOT NULL DEFAULT 0,
      ADD COLUMN "reconciliation_next_at" timestamptz,
      ADD COLUMN "reconciliation_last_error" text,
      ADD COLUMN "reconciliation" text,
      ADD CONSTRAINT "payment_intents_reconciliation_check" CHECK ("reconciliation" IN ('gave_up'))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "payments"."payment_intents"
      DROP CONSTRAINT "payment_intents_reconciliation_check",
      DROP COLUMN "reconciliation",
      DROP COLUMN "reconciliation_last_error",
      DROP COLUMN "reconciliation_next_at",
      DROP COLUMN "reconciliation_attempts",
      DROP COLUMN "reconciliation_since"`);
  }
}
