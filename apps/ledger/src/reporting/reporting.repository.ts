import { Inject, Injectable } from '@nestjs/common';
import type { Caller, ReportingSummaryParams } from '@payrail/contracts';
import { DataSource } from 'typeorm';

const DAY = 86_400;

/** One currency's aggregate, as Postgres returns it (bigint sums arrive as text). */
export interface ReportingRow {
  currency: string;
  charges: string;
  charged: string;
  refunds: string;
  refunded: string;
  disputes: string;
  disputed: string;
  reversals: string;
  reversed: string;
  fees: string;
  net: string;
}

/**
 * `[gte, lt)` split into the whole UTC days inside it, read from `reporting_daily`, and the partial days at
 * either end, `[gte, headEnd)` and `[tailStart, lt)`, read from the balance transactions themselves.
 */
export function splitByDays(gte: number, lt: number) {
  const firstDay = Math.ceil(gte / DAY);
  const endDay = Math.max(firstDay, Math.floor(lt / DAY));
  const headEnd = Math.min(firstDay * DAY, lt);
  return { firstDay, endDay, headEnd, tailStart: endDay > firstDay ? endDay * DAY : headEnd };
}

@Injectable()
export class ReportingRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Aggregated in SQL: no balance transaction leaves the database, and whole days come pre-summed. */
  async summarise(caller: Caller, params: ReportingSummaryParams): Promise<ReportingRow[]> {
    const { firstDay, endDay, headEnd, tailStart } = splitByDays(params.gte, params.lt);
    const values: unknown[] = [caller.merchantId, caller.livemode, params.gte, headEnd, tailStart, params.lt, firstDay, endDay];
    if (params.currency) values.push(params.currency);
    const onlyCurrency = params.currency ? 'AND "currency" = $9' : '';
    const tally = (category: string, count: string, sum: string) =>
      `coalesce(sum("count") FILTER (WHERE "reporting_category" = '${category}'), 0)::text AS "${count}",
       coalesce(abs(sum("amount") FILTER (WHERE "reporting_category" = '${category}')), 0)::text AS "${sum}"`;
    return (await this.dataSource.query(
      `SELECT "currency",
         ${tally('charge', 'charges', 'charged')},
         ${tally('refund', 'refunds', 'refunded')},
         ${tally('dispute', 'disputes', 'disputed')},
         ${tally('dispute_reversal', 'reversals', 'reversed')},
         coalesce(sum("fee"), 0)::text AS "fees",
         coalesce(sum("net"), 0)::text AS "net"
       FROM (
         SELECT "currency", "reporting_category", "count", "amount", "fee", "net" FROM "ledger"."reporting_daily"
           WHERE "merchant_id" = $1 AND "livemode" = $2 AND "day" >= $7 AND "day" < $8 ${onlyCurrency}
         UNION ALL
         SELECT "currency", "reporting_category", 1, "amount", "fee", "net" FROM "ledger"."balance_transactions"
           WHERE "merchant_id" = $1 AND "livemode" = $2 ${onlyCurrency}
             AND (("created_at" >= to_timestamp($3) AND "created_at" < to_timestamp($4)) OR ("created_at" >= to_timestamp($5) AND "created_at" < to_timestamp($6)))
       ) AS "movements"
       GROUP BY "currency" ORDER BY "currency"`,
      values,
    )) as ReportingRow[];
  }
}
