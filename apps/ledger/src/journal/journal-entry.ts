/** Who holds a ledger account: one per code, merchant, mode and currency. */
export const LEDGER_ACCOUNT_CODES = {
  /** The merchant's funds not yet available (charges within the payout delay). */
  MerchantPending: 'merchant_pending',
  /** The merchant's funds available to pay out; refunds and disputes are taken from here. */
  MerchantAvailable: 'merchant_available',
  /** What the platform earned from this merchant (its pricing plan's fees). */
  ProcessingFees: 'processing_fees',
  /** The other side of money that crossed a gateway: owed by (negative) or to (positive) the gateways. */
  GatewayClearing: 'gateway_clearing',
  /**
   * The platform's side of a gateway's currency conversion (a charge settled in another currency): per
   * currency, what was given up (negative) and what was got (positive) at the gateway's rate. Never the merchant's.
   */
  FxConversion: 'fx_conversion',
} as const;

export type LedgerAccountCode =
  | (typeof LEDGER_ACCOUNT_CODES)[keyof typeof LEDGER_ACCOUNT_CODES]
  /** A transfer account's spendable money (floored at zero). */
  | `transfer_account:${string}`
  /** Money on its way into a transfer account (asynchronous transfers not yet settled). */
  | `transfer_incoming:${string}`
  /** Outside money: what funded the sandbox's test accounts, and where a transfer's fee goes. */
  | 'sandbox_funding'
  | 'transfer_fees'
  /** What a gateway charged the platform for this merchant's transactions (an expense of the platform's, never the merchant's). */
  | `gateway_costs:${string}`;

export const spendable = (accountId: string): LedgerAccountCode => `transfer_account:${accountId}`;
export const incoming = (accountId: string): LedgerAccountCode => `transfer_incoming:${accountId}`;
export const gatewayCosts = (gateway: string): LedgerAccountCode => `gateway_costs:${gateway}`;

export interface LedgerOwner {
  merchantId: string;
  livemode: boolean;
}

export interface PostingLine {
  code: LedgerAccountCode;
  currency: string;
  /** Minor units, signed: positive raises the account's balance. Zero lines are dropped. */
  amount: number;
  /** The account's lowest allowed balance, set when the account is first used (null: no floor). */
  floor?: number | null;
}

export interface NewJournalEntry {
  owner: LedgerOwner;
  kind: string;
  /** What the entry records, once: a second entry with the same key is not written. */
  sourceKey: string;
  lines: PostingLine[];
}

/** The code's own check before Postgres's: per currency the lines must sum to zero. */
export function assertBalanced(lines: readonly PostingLine[]): void {
  const sums = new Map<string, number>();
  for (const line of lines) {
    if (!Number.isSafeInteger(line.amount)) throw new Error(`posting amount ${line.amount} is not an integer of minor units`);
    sums.set(line.currency, (sums.get(line.currency) ?? 0) + line.amount);
  }
  const unbalanced = [...sums].filter(([, sum]) => sum !== 0);
  if (unbalanced.length > 0) throw new Error(`journal entry does not sum to zero: ${unbalanced.map(([currency, sum]) => `${currency} ${sum}`).join(', ')}`);
}
