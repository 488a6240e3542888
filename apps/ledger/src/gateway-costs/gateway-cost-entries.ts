import type { GatewayFee, GatewayTransactionRecorded } from '@payrail/contracts';
import { gatewayCosts, LEDGER_ACCOUNT_CODES, type LedgerOwner, type NewJournalEntry } from '../journal/journal-entry.js';
import { convertSettledAmount } from './settled-fee-conversion.js';

const { GatewayClearing, FxConversion } = LEDGER_ACCOUNT_CODES;

/** A gateway's conversion of a transaction into its settlement currency, as the ledger books it. */
interface SettledConversion {
  currency: string;
  gross: number;
  settlementCurrency: string;
  settled: number;
  /** The fee in minor units of the transaction's currency at the gateway's rate (half-up). */
  feeInTransactionCurrency: number;
}

/**
 * The journal entries for a gateway's fee on a transaction that moved money.
 *
 * In the transaction's currency (or when the gateway did not say how it converted, as events recorded before
 * it was kept): the fee leaves the gateway clearing account (the gateway settles gross less its fee) into the
 * gateway's cost account, in the fee's currency.
 *
 * In another currency (Stripe's fee on a USD charge for an account settling in EUR): first a `gateway_fx`
 * entry at the gateway's rate, the charge's gross leaving gateway clearing in the charge's currency for the FX
 * conversion account and the settled gross reaching gateway clearing in the settlement currency from it, so
 * that gateway clearing ends where the gateway's money really is; then the `gateway_cost` entry takes the fee
 * from gateway clearing in the settlement currency, as charged, and books the cost in the charge's currency
 * (converted at the same rate, through the FX account), so that the costs view sets it against the fees the
 * merchant paid in that currency. Every currency of each entry sums to zero; the merchant's accounts are
 * never touched.
 */
export function gatewayCostEntries(owner: LedgerOwner, transaction: GatewayTransactionRecorded, fee: GatewayFee): NewJournalEntry[] {
  const source = `${transaction.connector}:${transaction.gatewayTransactionId}`;
  const costs = gatewayCosts(transaction.connector);
  const feeCurrency = fee.currency.toLowerCase();
  const conversion = settledConversionOf(transaction, fee);
  if (!conversion) {
    if (fee.amount === 0) return [];
    return [
      {
        owner,
        kind: 'gateway_cost',
        sourceKey: `gateway_cost:${source}`,
        lines: [
          { code: costs, currency: feeCurrency, amount: -fee.amount },
          { code: GatewayClearing, currency: feeCurrency, amount: fee.amount },
        ],
      },
    ];
  }
  const { currency, gross, settlementCurrency, settled, feeInTransactionCurrency } = conversion;
  const exchange: NewJournalEntry = {
    owner,
    kind: 'gateway_fx',
    sourceKey: `gateway_fx:${source}`,
    lines: [
      { code: GatewayClearing, currency, amount: gross },
      { code: FxConversion, currency, amount: -gross },
      { code: FxConversion, currency: settlementCurrency, amount: settled },
      { code: GatewayClearing, currency: settlementCurrency, amount: -settled },
    ],
  };
  // A conversion without a fee (Stripe waived it) still moves the money into the settlement currency.
  if (fee.amount === 0) return [exchange];
  const cost: NewJournalEntry = {
    owner,
    kind: 'gateway_cost',
    sourceKey: `gateway_cost:${source}`,
    lines: [
      { code: GatewayClearing, currency: settlementCurrency, amount: fee.amount },
      { code: FxConversion, currency: settlementCurrency, amount: -fee.amount },
      { code: FxConversion, currency, amount: feeInTransactionCurrency },
      { code: costs, currency, amount: -feeInTransactionCurrency },
    ],
  };
  return [exchange, cost];
}

/** The conversion to book, when the fee is in another currency than the transaction's and the gateway said at what rate. */
function settledConversionOf(transaction: GatewayTransactionRecorded, fee: GatewayFee): SettledConversion | undefined {
  const currency = transaction.currency.toLowerCase();
  const settlementCurrency = fee.currency.toLowerCase();
  const settlement = fee.settlement;
  if (settlementCurrency === currency || !settlement || settlement.currency.toLowerCase() !== settlementCurrency) return undefined;
  if (!Number.isSafeInteger(transaction.amount) || transaction.amount <= 0 || !Number.isSafeInteger(settlement.amount) || settlement.amount <= 0) return undefined;
  const feeInTransactionCurrency = convertSettledAmount(fee.amount, settlementCurrency, currency, settlement.exchangeRate);
  if (feeInTransactionCurrency === undefined) return undefined;
  return { currency, gross: transaction.amount, settlementCurrency, settled: settlement.amount, feeInTransactionCurrency };
}
