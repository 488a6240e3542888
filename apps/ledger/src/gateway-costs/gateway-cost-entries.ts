import type { GatewayFee, GatewayTransactionRecorded } from '@payrail/contracts';
import { gatewayCosts, LEDGER_ACCOUNT_CODES, type LedgerOwner, type NewJournalEntry } from '../journal/journal-entry.js';
import { convertSettledAmount } from './settled-fee-conversion.js';

const { GatewayClearing, FxConversion } = LEDGER_ACCOUNT_CODES;

/**
 * Money that crossed a gateway which converted it into its settlement currency: `gross` in the transaction's
 * `currency` and `settled` in `settlementCurrency`, both signed as the gateway's balance moved (positive: a
 * charge or a won dispute's reinstatement reached it; negative: a refund or a dispute's withdrawal left it).
 */
export interface ConvertedMovement {
  currency: string;
  gross: number;
  settlementCurrency: string;
  settled: number;
}

/**
 * The `gateway_fx` entry of a converted movement, at the gateway's rate: the gross moves between gateway
 * clearing and the FX conversion account in the transaction's currency, the settled amount the other way in
 * the settlement currency, so that gateway clearing ends where the gateway's money really is.
 */
export function exchangeEntry(owner: LedgerOwner, sourceKey: string, movement: ConvertedMovement): NewJournalEntry {
  const { currency, gross, settlementCurrency, settled } = movement;
  return {
    owner,
    kind: 'gateway_fx',
    sourceKey,
    lines: [
      { code: GatewayClearing, currency, amount: gross },
      { code: FxConversion, currency, amount: -gross },
      { code: FxConversion, currency: settlementCurrency, amount: settled },
      { code: GatewayClearing, currency: settlementCurrency, amount: -settled },
    ],
  };
}

/**
 * The `gateway_cost` entry of what a gateway kept (`fee`, signed: negative when it gave a fee back), or none
 * for a zero fee. As charged when `converted` is absent; otherwise taken from gateway clearing in the fee's
 * currency and booked as a cost in the transaction's, `converted.amount` being the fee at the gateway's rate
 * (through the FX account), so that the costs view sets it against the fees the merchant paid in that currency.
 */
export function costEntry(
  owner: LedgerOwner,
  sourceKey: string,
  gateway: string,
  fee: { amount: number; currency: string },
  converted?: { amount: number; currency: string },
): NewJournalEntry | undefined {
  if (fee.amount === 0) return undefined;
  const costs = gatewayCosts(gateway);
  const lines = converted
    ? [
        { code: GatewayClearing, currency: fee.currency, amount: fee.amount },
        { code: FxConversion, currency: fee.currency, amount: -fee.amount },
        { code: FxConversion, currency: converted.currency, amount: converted.amount },
        { code: costs, currency: converted.currency, amount: -converted.amount },
      ]
    : [
        { code: costs, currency: fee.currency, amount: -fee.amount },
        { code: GatewayClearing, currency: fee.currency, amount: fee.amount },
      ];
  return { owner, kind: 'gateway_cost', sourceKey, lines };
}

/** A signed amount of the settlement currency in the transaction's, at the gateway's rate (see convertSettledAmount; half away from zero). */
export function convertSignedAmount(amount: number, settlementCurrency: string, transactionCurrency: string, rate: string): number | undefined {
  const converted = convertSettledAmount(Math.abs(amount), settlementCurrency, transactionCurrency, rate);
  return converted === undefined || amount >= 0 ? converted : -converted;
}

/**
 * The journal entries for a gateway's fee on a transaction that moved money, and for how the gateway settled
 * it when it converted it.
 *
 * In the transaction's currency (or when the gateway did not say how it converted, as events recorded before
 * it was kept): the fee leaves the gateway clearing account (the gateway settles gross less its fee) into the
 * gateway's cost account, in the fee's currency. A refund has nothing of the kind.
 *
 * In another currency (Stripe's fee on a USD charge for an account settling in EUR): first a `gateway_fx`
 * entry at the gateway's rate (exchangeEntry), the charge's gross reaching the settlement currency; then the
 * `gateway_cost` entry (costEntry), the fee converted at the same rate. A refund of such a charge mirrors it:
 * Stripe paid it out of the settlement currency at the refund's own rate, so its `gateway_fx` entry takes the
 * refunded amount back out of gateway clearing in the charge's currency (where the merchant's refund posting
 * put it) and out of the settlement currency's (what Stripe's balance lost). Every currency of each entry sums
 * to zero; the merchant's accounts are never touched.
 */
export function gatewayCostEntries(owner: LedgerOwner, transaction: GatewayTransactionRecorded, fee: GatewayFee): NewJournalEntry[] {
  const source = `${transaction.connector}:${transaction.gatewayTransactionId}`;
  const feeCurrency = fee.currency.toLowerCase();
  const conversion = settledConversionOf(transaction, fee);
  if (!conversion) {
    if (transaction.kind === 'refund') return [];
    return compact([costEntry(owner, `gateway_cost:${source}`, transaction.connector, { amount: fee.amount, currency: feeCurrency })]);
  }
  const { movement, feeInTransactionCurrency } = conversion;
  return compact([
    exchangeEntry(owner, `gateway_fx:${source}`, movement),
    // A conversion without a fee (Stripe waived it, or a refund) still moves the money into the settlement currency.
    costEntry(owner, `gateway_cost:${source}`, transaction.connector, { amount: fee.amount, currency: feeCurrency }, { amount: feeInTransactionCurrency, currency: movement.currency }),
  ]);
}

/** The conversion to book, when the fee is in another currency than the transaction's and the gateway said at what rate. */
function settledConversionOf(transaction: GatewayTransactionRecorded, fee: GatewayFee): { movement: ConvertedMovement; feeInTransactionCurrency: number } | undefined {
  const currency = transaction.currency.toLowerCase();
  const settlementCurrency = fee.currency.toLowerCase();
  const settlement = fee.settlement;
  if (settlementCurrency === currency || !settlement || settlement.currency.toLowerCase() !== settlementCurrency) return undefined;
  if (!Number.isSafeInteger(transaction.amount) || transaction.amount <= 0 || !Number.isSafeInteger(settlement.amount) || settlement.amount <= 0) return undefined;
  const feeInTransactionCurrency = convertSettledAmount(fee.amount, settlementCurrency, currency, settlement.exchangeRate);
  if (feeInTransactionCurrency === undefined) return undefined;
  // A refund left the gateway's balance; a charge or capture reached it.
  const direction = transaction.kind === 'refund' ? -1 : 1;
  return { movement: { currency, gross: direction * transaction.amount, settlementCurrency, settled: direction * settlement.amount }, feeInTransactionCurrency };
}

export function compact(entries: Array<NewJournalEntry | undefined>): NewJournalEntry[] {
  return entries.filter((entry): entry is NewJournalEntry => entry !== undefined);
}
