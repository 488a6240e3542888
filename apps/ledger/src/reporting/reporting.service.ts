import { Injectable } from '@nestjs/common';
import type { Caller, LedgerCurrencySummary, LedgerSummary, ReportingSummaryParams } from '@payrail/contracts';
import { LEDGER_ACCOUNT_CODES } from '../journal/journal-entry.js';
import { BalancesRepository } from '../balances/balances.repository.js';
import { ReportingRepository, type ReportingRow } from './reporting.repository.js';

const NOTHING = { count: 0, amount: 0 };

@Injectable()
export class ReportingService {
  constructor(
    private readonly reporting: ReportingRepository,
    private readonly balances: BalancesRepository,
  ) {}

  /** Every currency that moved in the range or has a balance account, so that a currency left out holds nothing. */
  async summary(caller: Caller, params: ReportingSummaryParams): Promise<LedgerSummary> {
    const [rows, balances] = await Promise.all([this.reporting.summarise(caller, params), this.balances.merchantBalances(caller)]);
    const balanceOf = (currency: string, code: string) => balances.find((row) => row.currency === currency && row.code === code)?.balance ?? 0;
    const currencies = [...new Set([...rows.map((row) => row.currency), ...balances.map((row) => row.currency)])]
      .filter((currency) => !params.currency || currency === params.currency)
      .sort();
    return {
      created: { gte: params.gte, lt: params.lt },
      currencies: currencies.map((currency): LedgerCurrencySummary => ({
        ...totalsOf(currency, rows.find((row) => row.currency === currency)),
        balance: { available: balanceOf(currency, LEDGER_ACCOUNT_CODES.MerchantAvailable), pending: balanceOf(currency, LEDGER_ACCOUNT_CODES.MerchantPending) },
      })),
    };
  }
}

function totalsOf(currency: string, row: ReportingRow | undefined): Omit<LedgerCurrencySummary, 'balance'> {
  if (!row) return { currency, charges_succeeded: NOTHING, refunds: NOTHING, disputes: NOTHING, dispute_reversals: NOTHING, fees: 0, net: 0 };
  return {
    currency,
    charges_succeeded: { count: Number(row.charges), amount: Number(row.charged) },
    refunds: { count: Number(row.refunds), amount: Number(row.refunded) },
    disputes: { count: Number(row.disputes), amount: Number(row.disputed) },
    dispute_reversals: { count: Number(row.reversals), amount: Number(row.reversed) },
    fees: Number(row.fees),
    net: Number(row.net),
  };
}
