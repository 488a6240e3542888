import type { GatewayBalanceTransaction } from '@payrail/contracts';
import type { LedgerOwner, NewJournalEntry } from '../journal/journal-entry.js';
import { compact, convertSignedAmount, costEntry, exchangeEntry } from './gateway-cost-entries.js';

/** A dispute as a gateway's callback reports it: its amount in the charge's currency and its movements of the gateway's balance. */
export interface ReportedDispute {
  gateway: string;
  amount: number;
  currency: string;
  balanceTransactions: readonly GatewayBalanceTransaction[];
}

/**
 * The gateway's side of a dispute, one movement of its balance at a time, each under its own source keys (the
 * gateway's id of the movement), so that every callback may list them all and each is booked once.
 *
 * A movement the gateway converted (Stripe's withdrawal of a USD dispute from an account settling in EUR, and a
 * won dispute's reinstatement, each at its own rate) gets a `gateway_fx` entry: the dispute's amount leaves (or,
 * reinstated, reaches) gateway clearing in the charge's currency, where the merchant's chargeback posting moved
 * it, and the settled amount the settlement currency's, as Stripe's balance did. The gateway's dispute fee is a
 * `gateway_cost` like a charge's fee: in the charge's currency at the movement's rate when converted, as charged
 * otherwise; a fee given back (negative) returns the cost. The merchant's accounts are never touched.
 */
export function disputeBalanceEntries(owner: LedgerOwner, dispute: ReportedDispute): NewJournalEntry[] {
  const currency = dispute.currency.toLowerCase();
  return dispute.balanceTransactions.flatMap((transaction): NewJournalEntry[] => {
    if (!Number.isSafeInteger(transaction.amount) || !Number.isSafeInteger(transaction.fee)) return [];
    const source = `${dispute.gateway}:${transaction.id}`;
    const settlementCurrency = transaction.currency.toLowerCase();
    const fee = { amount: transaction.fee, currency: settlementCurrency };
    const rate = settlementCurrency !== currency ? transaction.exchangeRate : null;
    const feeConverted = rate === null ? undefined : convertSignedAmount(transaction.fee, settlementCurrency, currency, rate);
    if (rate === null || feeConverted === undefined || !Number.isSafeInteger(dispute.amount) || dispute.amount <= 0) {
      // Not converted (or not saying how): only the fee, as charged.
      return compact([costEntry(owner, `gateway_cost:${source}`, dispute.gateway, fee)]);
    }
    const direction = Math.sign(transaction.amount);
    return compact([
      direction === 0 ? undefined : exchangeEntry(owner, `gateway_fx:${source}`, { currency, gross: direction * dispute.amount, settlementCurrency, settled: transaction.amount }),
      costEntry(owner, `gateway_cost:${source}`, dispute.gateway, fee, { amount: feeConverted, currency }),
    ]);
  });
}
