import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '@payrail/contracts';
import { newId } from '@payrail/domain';
import { DataSource } from 'typeorm';
import type { ConnectorRoute } from '../routing/connector-registry.js';
import { UNHEALTHY_OUTCOMES, type AttemptOutcome } from './attempt-outcome.js';

export interface AttemptRecord {
  idempotencyKey: string;
  route: ConnectorRoute;
  outcome: AttemptOutcome;
  latencyMs: number;
  attemptedAt: Date;
}

export interface RecordedAttempt {
  gateway: string;
  gatewayAccountId: string | null;
  outcome: AttemptOutcome;
  latencyMs: number;
  attemptedAt: Date;
}

export interface WindowStats {
  attempts: number;
  successes: number;
  p50: number | null;
  p95: number | null;
}

/** Every call made (or skipped by an open circuit) for an authorisation: what failover did, and what health is computed from. */
@Injectable()
export class AuthorizationAttemptsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async record(caller: Caller, attempt: AttemptRecord): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO "connectors"."authorization_attempts" ("id", "idempotency_key", "merchant_id", "livemode", "gateway", "gateway_account_id", "outcome_class", "latency_ms", "attempted_at")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [newId('gta'), attempt.idempotencyKey, caller.merchantId, caller.livemode, attempt.route.gateway, attempt.route.gatewayAccountId, attempt.outcome, Math.round(attempt.latencyMs), attempt.attemptedAt],
    );
  }

  /** The tries of one authorisation, oldest first. */
  async forAuthorization(idempotencyKey: string): Promise<RecordedAttempt[]> {
    const rows = (await this.dataSource.query(
      `SELECT "gateway", "gateway_account_id", "outcome_class", "latency_ms", "attempted_at" FROM "connectors"."authorization_attempts" WHERE "idempotency_key" = $1 ORDER BY "attempted_at", "id"`,
      [idempotencyKey],
    )) as Array<{ gateway: string; gateway_account_id: string | null; outcome_class: AttemptOutcome; latency_ms: number; attempted_at: Date | string }>;
    return rows.map((row) => ({
      gateway: row.gateway,
      gatewayAccountId: row.gateway_account_id,
      outcome: row.outcome_class,
      latencyMs: Number(row.latency_ms),
      attemptedAt: new Date(row.attempted_at),
    }));
  }

  /** Calls made to an account since `since` and how many failed: what the circuit breaker judges. */
  async failuresSince(gatewayAccountId: string, since: Date): Promise<{ attempts: number; failures: number }> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*) AS "attempts", count(*) FILTER (WHERE "outcome_class" = ANY($3)) AS "failures"
       FROM "connectors"."authorization_attempts"
       WHERE "gateway_account_id" = $1 AND "attempted_at" >= $2 AND "outcome_class" <> 'circuit_open'`,
      [gatewayAccountId, since, UNHEALTHY_OUTCOMES],
    )) as Array<{ attempts: string; failures: string }>;
    return { attempts: Number(row.attempts), failures: Number(row.failures) };
  }

  /** Success count and latency percentiles of real calls to an account since `since`. */
  async windowStats(gatewayAccountId: string, since: Date): Promise<WindowStats> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*) AS "attempts",
              count(*) FILTER (WHERE NOT ("outcome_class" = ANY($3))) AS "successes",
              percentile_cont(0.5) WITHIN GROUP (ORDER BY "latency_ms") AS "p50",
              percentile_cont(0.95) WITHIN GROUP (ORDER BY "latency_ms") AS "p95"
       FROM "connectors"."authorization_attempts"
       WHERE "gateway_account_id" = $1 AND "attempted_at" >= $2 AND "outcome_class" <> 'circuit_open'`,
      [gatewayAccountId, since, UNHEALTHY_OUTCOMES],
    )) as Array<{ attempts: string; successes: string; p50: number | string | null; p95: number | string | null }>;
    return { attempts: Number(row.attempts), successes: Number(row.successes), p50: roundedOrNull(row.p50), p95: roundedOrNull(row.p95) };
  }

  /**
   * Of the minutes since `since` in which the account was called or probed, how many had at least half
   * their calls succeed. A probe is a call here (and only here): up when the gateway took the key and answered.
   */
  async minutesUp(gatewayAccountId: string, since: Date): Promise<{ minutes: number; up: number }> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*) AS "minutes", count(*) FILTER (WHERE "successes" * 2 >= "attempts") AS "up"
       FROM (
         SELECT date_trunc('minute', "at") AS "minute", count(*) AS "attempts", count(*) FILTER (WHERE "healthy") AS "successes"
         FROM (
           SELECT "attempted_at" AS "at", NOT ("outcome_class" = ANY($3)) AS "healthy"
           FROM "connectors"."authorization_attempts"
           WHERE "gateway_account_id" = $1 AND "attempted_at" >= $2 AND "outcome_class" <> 'circuit_open'
           UNION ALL
           SELECT "probed_at", "outcome_class" = 'answered'
           FROM "connectors"."gateway_probes"
           WHERE "gateway_account_id" = $1 AND "probed_at" >= $2
         ) AS "calls"
         GROUP BY 1
       ) AS "per_minute"`,
      [gatewayAccountId, since, UNHEALTHY_OUTCOMES],
    )) as Array<{ minutes: string; up: string }>;
    return { minutes: Number(row.minutes), up: Number(row.up) };
  }
}

function roundedOrNull(value: number | string | null): number | null {
  return value === null ? null : Math.round(Number(value));
}
