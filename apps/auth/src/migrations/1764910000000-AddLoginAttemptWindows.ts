import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed-attempt counters count within a fixed window from the run's first failure, so that a busy
 * shared address (an office behind NAT) whose users mistype now and then starts afresh every window
 * instead of adding up for as long as one failure follows another within the window.
 */
export class AddLoginAttemptWindows1764910000000 implements MigrationInterface {
  name = 'AddLoginAttemptWindows1764910000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "auth"."login_attempts" ADD COLUMN "window_started_at" timestamptz`);
    await runner.query(`UPDATE "auth"."login_attempts" SET "window_started_at" = "last_failure_at"`);
    await runner.query(`ALTER TABLE "auth"."login_attempts" ALTER COLUMN "window_started_at" SET NOT NULL`);
    await runner.query(
      `ALTER TABLE "auth"."login_attempts" ADD CONSTRAINT "login_attempts_window_started_before_last_failure" CHECK ("window_started_at" <= "last_failure_at")`,
    );
    await runner.query(`CREATE INDEX "login_attempts_window_started_at_idx" ON "auth"."login_attempts" ("window_started_at")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "auth"."login_attempts_window_started_at_idx"`);
    await runner.query(`ALTER TABLE "auth"."login_attempts" DROP CONSTRAINT "login_attempts_window_started_before_last_failure"`);
    await runner.query(`ALTER TABLE "auth"."login_attempts" DROP COLUMN "window_started_at"`);
  }
}
