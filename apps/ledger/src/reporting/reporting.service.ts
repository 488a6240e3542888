import { Injectable } from '@nestjs/common';
import type { Caller, ReportingCurrencySummary, ReportingSummaryParams, ReportingSummaryResource } from '@payrail/contracts';
import { LEDGER_ACCOUNT_CODES } from '../journal/journal-entry.js';
import { BalancesRepository } from '../balances/balances.repository.js';
import { ReportingRepository, type ReportingRow } from './reporting.repository.js';

@Injectable()
export class ReportingService {
  constructor(
    private readonly reporting: ReportingRepository,
    private readonly balances: BalancesRepository,
  ) {}

  async summary(caller: Caller, params: ReportingSummaryParams): Promise<ReportingSummaryResource> {
    const [rows, balances] = await Promise.all([this.reporting.summarise(caller, params), this.balances.merchantBalances(caller)]);
    const balanceOf = (currency: string, code: string) => balances.find((row) => row.currency === currency && row.code === code)?.balance ?? 0;
    const currencies = rows.map((row): ReportingCurrencySummary => ({
      ...totalsOf(row),
      balance: { available: balanceOf(row.currency, LEDGER_ACCOUNT_CODES.MerchantAvailable), pending: balanceOf(row.currency, LEDGER_ACCOUNT_CODES.MerchantPending) },
    }));
    return { object: 'reporting.summary', created: { gte: params.gte, lt: params.lt }, currencies, livemode: caller.livemode };
  }
}

function totalsOf(row: ReportingRow): Omit<ReportingCurrencySummary, 'balance'> {
  return {
    currency: row.currency,
    charges_succeeded: { count: Number(row.charges), amount: Number(row.charged) },
    refunds: { count: Number(row.refunds), amount: Number(row.refunded) },
    disputes: { count: Number(row.disputes), amount: Number(row.disputed) },
    dispute_reversals: { count: Number(row.reversals), amount: Number(row.reversed) },
    fees: Number(row.fees),
    net: Number(row.net),
  };
}
