import type { BalanceAmount, BalanceResource } from '@payrail/contracts';
import { LEDGER_ACCOUNT_CODES } from '../journal/journal-entry.js';
import type { MerchantBalanceRow } from './balances.repository.js';

export function toBalanceResource(rows: readonly MerchantBalanceRow[], livemode: boolean): BalanceResource {
  const amounts = (code: string): BalanceAmount[] =>
    rows.filter((row) => row.code === code).map((row) => ({ amount: row.balance, currency: row.currency, source_types: { card: row.balance } }));
  return { object: 'balance', available: amounts(LEDGER_ACCOUNT_CODES.MerchantAvailable), pending: amounts(LEDGER_ACCOUNT_CODES.MerchantPending), livemode };
}
