import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '@payrail/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { LEDGER_ACCOUNT_CODES } from '../journal/journal-entry.js';

export interface MerchantBalanceRow {
  code: string;
  currency: string;
  balance: number;
}

@Injectable()
export class BalancesRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** The merchant's pending and available accounts' cached balances (kept current by the posting trigger). */
  async merchantBalances(caller: Caller, manager: EntityManager = this.dataSource.manager): Promise<MerchantBalanceRow[]> {
    return (await manager.query(
      `SELECT "code", "currency", "balance"::float8 AS "balance" FROM "ledger"."ledger_accounts"
        WHERE "merchant_id" = $1 AND "livemode" = $2 AND "code" IN ($3, $4) ORDER BY "currency"`,
      [caller.merchantId, caller.livemode, LEDGER_ACCOUNT_CODES.MerchantAvailable, LEDGER_ACCOUNT_CODES.MerchantPending],
    )) as MerchantBalanceRow[];
  }
}
