import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { LedgerOwner } from '../journal/journal-entry.js';
import { priceFor, type Price, type PriceRow } from './pricing-plan.js';

/** A version of a merchant's plan: its rows, in force from `effectiveFrom`. Version 0 is "never set". */
export interface PricingPlanVersion {
  version: number;
  effectiveFrom: Date | null;
  rows: PriceRow[];
}

interface VersionRow {
  version: number;
  effective_from: Date;
}

const ROW_COLUMNS = `"method", "currency", "percent_bps" AS "percentBps", "fixed_amount"::float8 AS "fixedAmount"`;

/** The only code touching `pricing_plans` and `pricing_plan_versions`, both append-only. */
@Injectable()
export class PricingPlansRepository {
  /** The price of `method` in `currency` under the version in force at `at` (the default when none was). */
  async priceAt(manager: EntityManager, owner: LedgerOwner, method: string, currency: string, at: Date): Promise<Price> {
    const rows = (await manager.query(
      `SELECT ${ROW_COLUMNS} FROM "ledger"."pricing_plans"
        WHERE "merchant_id" = $1 AND "livemode" = $2 AND "method" IN ($3, '*') AND "currency" IN ($4, '*')
          AND "version" = (SELECT "version" FROM "ledger"."pricing_plan_versions"
            WHERE "merchant_id" = $1 AND "livemode" = $2 AND "effective_from" <= $5 ORDER BY "effective_from" DESC, "version" DESC LIMIT 1)`,
      [owner.merchantId, owner.livemode, method, currency, at],
    )) as PriceRow[];
    return priceFor(rows, method, currency);
  }

  /** The latest version, whatever its `effective_from`. */
  async current(manager: EntityManager, owner: LedgerOwner): Promise<PricingPlanVersion> {
    const [latest] = (await manager.query(
      `SELECT "version", "effective_from" FROM "ledger"."pricing_plan_versions" WHERE "merchant_id" = $1 AND "livemode" = $2 ORDER BY "version" DESC LIMIT 1`,
      [owner.merchantId, owner.livemode],
    )) as VersionRow[];
    if (!latest) return { version: 0, effectiveFrom: null, rows: [] };
    return { version: latest.version, effectiveFrom: latest.effective_from, rows: await this.rowsOf(manager, owner, latest.version) };
  }

  /**
   * Adds the next version, in force from the current second (events carry whole seconds, so a charge that
   * succeeds in the second of a replacement is priced by the new plan). Null when another replacement took
   * that version number first: the caller starts a new transaction and tries again.
   */
  async append(manager: EntityManager, owner: LedgerOwner, rows: readonly PriceRow[]): Promise<PricingPlanVersion | null> {
    const [added] = (await manager.query(
      `INSERT INTO "ledger"."pricing_plan_versions" ("merchant_id", "livemode", "version", "effective_from")
        SELECT $1, $2, COALESCE(max("version"), 0) + 1, date_trunc('second', now()) FROM "ledger"."pricing_plan_versions" WHERE "merchant_id" = $1 AND "livemode" = $2
        ON CONFLICT ("merchant_id", "livemode", "version") DO NOTHING
        RETURNING "version", "effective_from"`,
      [owner.merchantId, owner.livemode],
    )) as VersionRow[];
    if (!added) return null;
    if (rows.length > 0) {
      const values = rows.map((_, index) => `($1, $2, $3, $${4 * index + 4}, $${4 * index + 5}, $${4 * index + 6}, $${4 * index + 7})`);
      await manager.query(
        `INSERT INTO "ledger"."pricing_plans" ("merchant_id", "livemode", "version", "method", "currency", "percent_bps", "fixed_amount") VALUES ${values.join(', ')}`,
        [owner.merchantId, owner.livemode, added.version, ...rows.flatMap((row) => [row.method, row.currency, row.percentBps, row.fixedAmount])],
      );
    }
    return { version: added.version, effectiveFrom: added.effective_from, rows: [...rows] };
  }

  private async rowsOf(manager: EntityManager, owner: LedgerOwner, version: number): Promise<PriceRow[]> {
    return (await manager.query(
      `SELECT ${ROW_COLUMNS} FROM "ledger"."pricing_plans" WHERE "merchant_id" = $1 AND "livemode" = $2 AND "version" = $3 ORDER BY "method" COLLATE "C", "currency" COLLATE "C"`,
      [owner.merchantId, owner.livemode, version],
    )) as PriceRow[];
  }
}
