import { Inject, Injectable } from '@nestjs/common';
import type { Caller, ReportingSummaryParams } from '@payrail/contracts';
import { DataSource } from 'typeorm';

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

@Injectable()
export class ReportingRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Aggregated in SQL over `balance_transactions_reporting_idx`: no row leaves the database. */
  async summarise(caller: Caller, params: ReportingSummaryParams): Promise<ReportingRow[]> {
    const values: unknown[] = [caller.merchantId, caller.livemode, params.gte, params.lt];
    if (params.currency) values.push(params.currency);
    const tally = (category: string, count: string, sum: string) =>
      `count(*) FILTER (WHERE "reporting_category" = '${category}')::text AS "${count}",
       coalesce(abs(sum("amount") FILTER (WHERE "reporting_category" = '${category}')), 0)::text AS "${sum}"`;
    return (await this.dataSource.query(
      `SELECT "currency",
         ${tally('charge', 'charges', 'charged')},
         ${tally('refund', 'refunds', 'refunded')},
         ${tally('dispute', 'disputes', 'disputed')},
         ${tally('dispute_reversal', 'reversals', 'reversed')},
         coalesce(sum("fee"), 0)::text AS "fees",
         coalesce(sum("net"), 0)::text AS "net"
       FROM "ledger"."balance_transactions"
       WHERE "merchant_id" = $1 AND "livemode" = $2 AND "created_at" >= to_timestamp($3) AND "created_at" < to_timestamp($4)
         ${params.currency ? 'AND "currency" = $5' : ''}
       GROUP BY "currency" ORDER BY "currency"`,
      values,
    )) as ReportingRow[];
  }
}
