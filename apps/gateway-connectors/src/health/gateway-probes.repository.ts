import { Inject, Injectable } from '@nestjs/common';
import { newId } from '@payrail/domain';
import { DataSource } from 'typeorm';

/**
 * How a probe ended: `answered` (the gateway took the key and answered), `credentials_refused` (it
 * refused the key: revoked or wrong), `unreachable`, `outcome_unknown` (no answer in time) or `error`.
 */
export type ProbeOutcome = 'answered' | 'credentials_refused' | 'unreachable' | 'outcome_unknown' | 'error';

export interface ProbeRecord {
  gatewayAccountId: string;
  outcome: ProbeOutcome;
  /** Why it failed, in words safe to show the merchant; null when answered. */
  reason: string | null;
  latencyMs: number;
  probedAt: Date;
}

export type LatestProbe = ProbeRecord & { calledSince: boolean };

/** An enabled account nobody called lately: what a probe needs to build its connector. */
export interface IdleAccount {
  id: string;
  merchantId: string;
  livemode: boolean;
  gateway: string;
}

/** Probes are kept this long: `/v1/gateways/health` looks back a day at most. */
const KEPT_MS = 25 * 60 * 60_000;

/** Light probes of gateway accounts (see GatewayProber): their schedule and outcomes. */
@Injectable()
export class GatewayProbesRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Enabled accounts (not deleted) that no payment called since `since`. */
  async idleAccounts(since: Date): Promise<IdleAccount[]> {
    const rows = (await this.dataSource.query(
      `SELECT "id", "merchant_id", "livemode", "gateway" FROM "connectors"."gateway_accounts" AS "account"
        WHERE "enabled" AND "deleted_at" IS NULL
          AND NOT EXISTS (
            SELECT 1 FROM "connectors"."authorization_attempts" AS "attempt"
             WHERE "attempt"."gateway_account_id" = "account"."id" AND "attempt"."attempted_at" >= $1 AND "attempt"."outcome_class" <> 'circuit_open')
        ORDER BY "id"`,
      [since],
    )) as Array<{ id: string; merchant_id: string; livemode: boolean; gateway: string }>;
    return rows.map((row) => ({ id: row.id, merchantId: row.merchant_id, livemode: row.livemode, gateway: row.gateway }));
  }

  /** Takes the account's probe due now, moving its next one to `nextAt`; false when it is not due (another replica took it). */
  async claim(gatewayAccountId: string, now: Date, nextAt: Date): Promise<boolean> {
    const claimed = (await this.dataSource.query(
      `INSERT INTO "connectors"."gateway_probe_schedule" ("gateway_account_id", "next_probe_at") VALUES ($1, $3)
       ON CONFLICT ("gateway_account_id") DO UPDATE SET "next_probe_at" = EXCLUDED."next_probe_at"
        WHERE "gateway_probe_schedule"."next_probe_at" <= $2
       RETURNING "gateway_account_id"`,
      [gatewayAccountId, now, nextAt],
    )) as unknown[];
    return claimed.length > 0;
  }

  async record(probe: ProbeRecord): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO "connectors"."gateway_probes" ("id", "gateway_account_id", "outcome_class", "reason", "latency_ms", "probed_at") VALUES ($1, $2, $3, $4, $5, $6)`,
      [newId('gtp'), probe.gatewayAccountId, probe.outcome, probe.reason, Math.round(probe.latencyMs), probe.probedAt],
    );
  }

  /** Drops probes older than anything health reads. */
  async purge(now: Date): Promise<void> {
    await this.dataSource.query(`DELETE FROM "connectors"."gateway_probes" WHERE "probed_at" < $1`, [new Date(now.getTime() - KEPT_MS)]);
  }

  /** The account's latest probe, and whether a payment called it after that probe (a later real answer outranks it). */
  async latest(gatewayAccountId: string): Promise<LatestProbe | null> {
    const [row] = (await this.dataSource.query(
      `SELECT "probe"."outcome_class", "probe"."reason", "probe"."latency_ms", "probe"."probed_at",
              EXISTS (SELECT 1 FROM "connectors"."authorization_attempts" AS "attempt"
                       WHERE "attempt"."gateway_account_id" = $1 AND "attempt"."attempted_at" > "probe"."probed_at" AND "attempt"."outcome_class" <> 'circuit_open') AS "called_since"
         FROM "connectors"."gateway_probes" AS "probe"
        WHERE "probe"."gateway_account_id" = $1
        ORDER BY "probe"."probed_at" DESC, "probe"."id" DESC LIMIT 1`,
      [gatewayAccountId],
    )) as Array<{ outcome_class: ProbeOutcome; reason: string | null; latency_ms: number; probed_at: Date | string; called_since: boolean }>;
    if (!row) return null;
    return {
      gatewayAccountId,
      outcome: row.outcome_class,
      reason: row.reason,
      latencyMs: Number(row.latency_ms),
      probedAt: new Date(row.probed_at),
      calledSince: row.called_since,
    };
  }
}
