import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LoginAttemptState, LoginThrottleSettings } from './login-throttle.policy.js';

interface AttemptRow {
  now: Date;
  failures: number | null;
  last_failure_at: Date | null;
  locked_until: Date | null;
}

/**
 * Failed-attempt counters, shared by every replica through the database. Every time here is the
 * database's clock, so replicas whose clocks differ still agree.
 */
@Injectable()
export class LoginAttemptsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** The subject's counter, if any, and the database's now. */
  async read(subject: string): Promise<{ state: LoginAttemptState | null; now: Date }> {
    const [row] = (await this.dataSource.query(
      `SELECT now() AS "now", attempts."failures", attempts."last_failure_at", attempts."locked_until"
       FROM (SELECT 1) AS "one"
       LEFT JOIN "auth"."login_attempts" AS attempts ON attempts."subject" = $1`,
      [subject],
    )) as AttemptRow[];
    const state =
      row.failures === null || row.last_failure_at === null
        ? null
        : { failures: row.failures, lastFailureAt: row.last_failure_at, lockedUntil: row.locked_until };
    return { state, now: row.now };
  }

  /**
   * Takes the one attempt a slowed-down subject may make once its wait is over: true for exactly one of
   * several concurrent callers, whose attempt then counts from now. False when another took it first.
   */
  async takeSlot(subject: string, failures: number, delayMs: number): Promise<boolean> {
    const [rows] = (await this.dataSource.query(
      `UPDATE "auth"."login_attempts" SET "last_failure_at" = now()
       WHERE "subject" = $1 AND "failures" = $2
         AND "last_failure_at" + make_interval(secs => $3::double precision / 1000) <= now()
         AND ("locked_until" IS NULL OR "locked_until" <= now())
       RETURNING "subject"`,
      [subject, failures, delayMs],
    )) as [unknown[], number];
    return rows.length === 1;
  }

  /**
   * Counts one more failure, atomically however many replicas record at once: a run older than the
   * window starts again at 1, and reaching the lock threshold locks the subject from now.
   */
  async recordFailure(subject: string, settings: LoginThrottleSettings): Promise<LoginAttemptState> {
    const [row] = (await this.dataSource.query(
      `INSERT INTO "auth"."login_attempts" AS attempts ("subject", "failures", "last_failure_at", "locked_until")
       VALUES ($1, 1, now(), CASE WHEN 1 >= $3 THEN now() + make_interval(secs => $4::double precision / 1000) END)
       ON CONFLICT ON CONSTRAINT "login_attempts_pkey" DO UPDATE SET
         "failures" = CASE
           WHEN attempts."last_failure_at" <= now() - make_interval(secs => $2::double precision / 1000) THEN 1
           ELSE attempts."failures" + 1 END,
         "last_failure_at" = now(),
         "locked_until" = CASE
           WHEN (CASE
             WHEN attempts."last_failure_at" <= now() - make_interval(secs => $2::double precision / 1000) THEN 1
             ELSE attempts."failures" + 1 END) >= $3
           THEN now() + make_interval(secs => $4::double precision / 1000)
           ELSE attempts."locked_until" END
       RETURNING "failures", "last_failure_at", "locked_until"`,
      [subject, settings.failureWindowMs, settings.lockAfterFailures, settings.lockMs],
    )) as Array<{ failures: number; last_failure_at: Date; locked_until: Date | null }>;
    return { failures: row.failures, lastFailureAt: row.last_failure_at, lockedUntil: row.locked_until };
  }

  async clear(subject: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM "auth"."login_attempts" WHERE "subject" = $1`, [subject]);
  }

  /** Deletes up to `limit` counters whose failures no longer count and whose lock is over. */
  async purgeStale(failureWindowMs: number, limit: number): Promise<number> {
    const [, deleted] = (await this.dataSource.query(
      `DELETE FROM "auth"."login_attempts" WHERE "subject" IN (
         SELECT stale."subject" FROM "auth"."login_attempts" AS stale
         WHERE stale."last_failure_at" <= now() - make_interval(secs => $1::double precision / 1000)
           AND (stale."locked_until" IS NULL OR stale."locked_until" <= now())
         LIMIT $2)`,
      [failureWindowMs, limit],
    )) as [unknown[], number];
    return deleted;
  }
}
