import { Inject, Injectable } from '@nestjs/common';
import type { Caller, ReportingSummaryParams } from '@payrail/contracts';
import { DataSource } from 'typeorm';

/** One gateway's costs in one currency, as Postgres returns them. */
export interface GatewayCostRow {
  gateway: string;
  currency: string;
  count: number;
  amount: number;
}

@Injectable()
export class GatewayCostsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** The merchant's gateway-cost entries booked in `[gte, lt)`, per gateway and currency. */
  async tally(caller: Caller, params: ReportingSummaryParams): Promise<GatewayCostRow[]> {
    const values: unknown[] = [caller.merchantId, caller.livemode, params.gte, params.lt];
    if (params.currency) values.push(params.currency);
    return (await this.dataSource.query(
      `SELECT substr("account"."code", length('gateway_costs:') + 1) AS "gateway", "posting"."currency",
          count(*)::int AS "count", (-sum("posting"."amount"))::float8 AS "amount"
        FROM "ledger"."journal_entries" AS "entry"
        JOIN "ledger"."postings" AS "posting" ON "posting"."entry_id" = "entry"."id"
        JOIN "ledger"."ledger_accounts" AS "account" ON "account"."id" = "posting"."account_id"
        WHERE "entry"."merchant_id" = $1 AND "entry"."livemode" = $2 AND "entry"."kind" = 'gateway_cost'
          AND "entry"."created_at" >= to_timestamp($3) AND "entry"."created_at" < to_timestamp($4)
          AND "account"."code" LIKE 'gateway\\_costs:%' ${params.currency ? 'AND "posting"."currency" = $5' : ''}
        GROUP BY 1, 2 ORDER BY 2, 1`,
      values,
    )) as GatewayCostRow[];
  }
}
