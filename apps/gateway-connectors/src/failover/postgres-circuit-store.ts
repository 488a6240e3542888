import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthorizationAttemptsRepository } from './authorization-attempts.repository.js';
import { CircuitStore, type CircuitRow } from './circuit-breaker.js';

/** Circuits in `connectors.gateway_circuits`, changed by guarded single statements (no transaction held). */
@Injectable()
export class PostgresCircuitStore extends CircuitStore {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly attempts: AuthorizationAttemptsRepository,
  ) {
    super();
  }

  async read(gatewayAccountId: string): Promise<CircuitRow | null> {
    const [row] = (await this.dataSource.query(`SELECT "opened_at", "probe_until", "closed_at" FROM "connectors"."gateway_circuits" WHERE "gateway_account_id" = $1`, [
      gatewayAccountId,
    ])) as Array<{ opened_at: Date | null; probe_until: Date | null; closed_at: Date }>;
    return row ? { openedAt: row.opened_at, probeUntil: row.probe_until, closedAt: row.closed_at } : null;
  }

  async claimProbe(gatewayAccountId: string, now: Date, until: Date): Promise<boolean> {
    const claimed = (await this.dataSource.query(
      `UPDATE "connectors"."gateway_circuits" SET "probe_until" = $3
       WHERE "gateway_account_id" = $1 AND "opened_at" IS NOT NULL AND ("probe_until" IS NULL OR "probe_until" <= $2)
       RETURNING "gateway_account_id"`,
      [gatewayAccountId, now, until],
    )) as [unknown[], number] | unknown[];
    return rowsOf(claimed).length === 1;
  }

  async open(gatewayAccountId: string, now: Date, onlyIfClosed: boolean): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO "connectors"."gateway_circuits" ("gateway_account_id", "opened_at", "probe_until", "closed_at") VALUES ($1, $2, NULL, $2)
       ON CONFLICT ("gateway_account_id") DO UPDATE SET "opened_at" = EXCLUDED."opened_at", "probe_until" = NULL
       WHERE ${onlyIfClosed ? `"gateway_circuits"."opened_at" IS NULL` : 'TRUE'}`,
      [gatewayAccountId, now],
    );
  }

  async close(gatewayAccountId: string, now: Date): Promise<void> {
    await this.dataSource.query(`UPDATE "connectors"."gateway_circuits" SET "opened_at" = NULL, "probe_until" = NULL, "closed_at" = $2 WHERE "gateway_account_id" = $1`, [
      gatewayAccountId,
      now,
    ]);
  }

  failuresSince(gatewayAccountId: string, since: Date): Promise<{ attempts: number; failures: number }> {
    return this.attempts.failuresSince(gatewayAccountId, since);
  }
}

/** TypeORM's `query` answers an UPDATE … RETURNING on pg with `[rows, affected]`. */
function rowsOf(result: [unknown[], number] | unknown[]): unknown[] {
  return Array.isArray(result[0]) ? (result[0] as unknown[]) : (result as unknown[]);
}
