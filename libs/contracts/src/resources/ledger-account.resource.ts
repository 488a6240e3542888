import type { Metadata } from './list.js';

export const LEDGER_ACCOUNT_STATUSES = ['active', 'frozen', 'closed'] as const;
export type LedgerAccountStatus = (typeof LEDGER_ACCOUNT_STATUSES)[number];

/** An account holding money in one currency on the internal ledger (the Payment Engine document's accounts). */
export class LedgerAccountResource {
  id: string;
  object: 'ledger_account';
  currency: string;
  status: LedgerAccountStatus;
  /** Minor units the account can send now. */
  available_balance: number;
  /** Minor units on their way in (asynchronous transfers not yet settled). */
  pending_balance: number;
  description: string | null;
  external_reference: string | null;
  metadata: Metadata;
  created: number;
  livemode: boolean;
}

/** Real-time (settles in the response), ACH (settles after a window), wire (settles after a window, with a fee). */
export const TRANSFER_PAYMENT_TYPES = ['RTP', 'ACH_CREDIT', 'ACH_DEBIT', 'WIRE_DOMESTIC', 'WIRE_INTERNATIONAL'] as const;
export type TransferPaymentType = (typeof TRANSFER_PAYMENT_TYPES)[number];

export const TRANSFER_STATUSES = ['PENDING', 'COMPLETED', 'FAILED', 'RETURNED'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

/** Money moved from one ledger account to another of the same merchant (the document's `transactions`). */
export class TransferResource {
  id: string;
  object: 'transfer';
  from_account: string;
  to_account: string;
  payment_type: TransferPaymentType;
  /** Minor units received by `to_account`; `fee` is taken from `from_account` on top. */
  amount: number;
  fee: number;
  currency: string;
  status: TransferStatus;
  failure_reason: string | null;
  /** An ACH return code (`R01` …) when the transfer came back. */
  return_code: string | null;
  description: string | null;
  external_reference: string | null;
  metadata: Metadata;
  created: number;
  /**
   * Unix seconds when the transfer is expected to settle (or settled): ACH after its window; a wire after its
   * window from its run, the next business day's when created after the cut-off or on a weekend.
   */
  settles_at: number;
  completed_at: number | null;
  livemode: boolean;
}
