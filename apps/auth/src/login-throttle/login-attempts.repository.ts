import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LoginAttemptState, LoginThrottleSettings } from './login-throttle.policy.js';

interface AttemptRow {
  now: Date;
  subject: string | null;
  failures: number | null;
  window_started_at: Date | null;
  last_failure_at: Date | null;
  locked_until: Date | null;
}

/** The failures a counter's window holds, given the window's length as `$windowMs` (a window over starts again at 1). */
const failuresAfterThisOne = (windowMs: string) =>
  `CASE WHEN attempts."window_started_at" <= now() - make_interval(secs => ${windowMs}::double precision / 1000) THEN 1
        ELSE attempts."failures" + 1 END`;

/**
 * Failed-attempt counters, shared by every replica through the database. Every time here is the
 * database's clock, so replicas whose clocks differ still agree.
 */
@Injectable()
export class LoginAttemptsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** The counters of these subjects that exist, and the database's now. */
  async read(subjects: readonly string[]): Promise<{ states: Map<string, LoginAttemptState>; now: Date }> {
    const rows = (await this.dataSource.query(
      `SELECT now() AS "now", attempts."subject", attempts."failures", attempts."window_started_at",
              attempts."last_failure_at", attempts."locked_until"
       FROM (SELECT 1) AS "one"
       LEFT JOIN "auth"."login_attempts" AS attempts ON attempts."subject" = ANY($1::text[])`,
      [subjects],
    )) as AttemptRow[];
    const states = new Map<string, LoginAttemptState>();
    for (const row of rows) {
      if (row.subject === null || row.failures === null || row.window_started_at === null || row.last_failure_at === null) continue;
      states.set(row.subject, {
        failures: row.failures,
        windowStartedAt: row.window_started_at,
        lastFailureAt: row.last_failure_at,
        lockedUntil: row.locked_until,
      });
    }
    return { states, now: rows[0].now };
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
   * Counts one more failure, atomically however many replicas record at once: once the window that began
   * at the counter's first failure is over, the count starts again at 1; reaching the lock threshold (if
   * the counter has one) locks the subject from now.
   */
  async recordFailure(subject: string, settings: LoginThrottleSettings): Promise<void> {
    const windowOver = `attempts."window_started_at" <= now() - make_interval(secs => $2::double precision / 1000)`;
    await this.dataSource.query(
      `INSERT INTO "auth"."login_attempts" AS attempts ("subject", "failures", "window_started_at", "last_failure_at", "locked_until")
       VALUES ($1, 1, now(), now(), CASE WHEN 1 >= $3::integer THEN now() + make_interval(secs => $4::double precision / 1000) END)
       ON CONFLICT ON CONSTRAINT "login_attempts_pkey" DO UPDATE SET
         "failures" = ${failuresAfterThisOne('$2')},
         "window_started_at" = CASE WHEN ${windowOver} THEN now() ELSE attempts."window_started_at" END,
         "last_failure_at" = now(),
         "locked_until" = CASE WHEN ${failuresAfterThisOne('$2')} >= $3::integer
           THEN now() + make_interval(secs => $4::double precision / 1000)
           ELSE attempts."locked_until" END`,
      [subject, settings.failureWindowMs, settings.lockAfterFailures, settings.lockMs],
    );
  }

  async clear(subject: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM "auth"."login_attempts" WHERE "subject" = $1`, [subject]);
  }

  /** Deletes up to `limit` counters whose window is over and whose lock is over: they weigh nothing. */
  async purgeStale(failureWindowMs: number, limit: number): Promise<number> {
    const [, deleted] = (await this.dataSource.query(
      `DELETE FROM "auth"."login_attempts" WHERE "subject" IN (
         SELECT stale."subject" FROM "auth"."login_attempts" AS stale
         WHERE stale."window_started_at" <= now() - make_interval(secs => $1::double precision / 1000)
           AND (stale."locked_until" IS NULL OR stale."locked_until" <= now())
         LIMIT $2)`,
      [failureWindowMs, limit],
    )) as [unknown[], number];
    return deleted;
  }
}
