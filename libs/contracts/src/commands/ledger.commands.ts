import type { BalanceTransactionType } from '../resources/balance.resource.js';
import type { LedgerAccountStatus, TransferPaymentType, TransferStatus } from '../resources/ledger-account.resource.js';
import type { ListParams, Metadata } from '../resources/list.js';
import type { CreatedFilter } from './payments.commands.js';

export interface ListBalanceTransactionsParams extends ListParams {
  type?: BalanceTransactionType;
  created?: CreatedFilter;
  /** Only the transactions recording this charge, refund or dispute. */
  source?: string;
}

export interface CreateLedgerAccountParams {
  currency: string;
  description?: string;
  external_reference?: string;
  metadata?: Metadata;
}

export interface UpdateLedgerAccountParams {
  id: string;
  status?: LedgerAccountStatus;
  description?: string;
  metadata?: Metadata;
}

export interface ListLedgerAccountsParams extends ListParams {
  status?: LedgerAccountStatus;
  external_reference?: string;
}

export interface CreateTransferParams {
  from_account: string;
  to_account: string;
  payment_type: TransferPaymentType;
  amount: number;
  /** Defaults to the accounts' currency; must be it. */
  currency?: string;
  description?: string;
  external_reference?: string;
  metadata?: Metadata;
}

export interface ListTransfersParams extends ListParams {
  /** Transfers from or to this account. */
  account?: string;
  status?: TransferStatus;
  payment_type?: TransferPaymentType;
  external_reference?: string;
  created?: CreatedFilter;
}

/** The summary's range, resolved by the edge: unix seconds, `gte` inclusive and `lt` exclusive. */
export interface ReportingSummaryParams {
  gte: number;
  lt: number;
  /** Lowercase ISO 4217 code: only this currency. */
  currency?: string;
}

export interface PricingPlanRowParams {
  method: string;
  currency: string;
  percent_bps: number;
  fixed_amount: number;
}

/** The merchant's whole plan, replacing the one in force; no rows puts the merchant back on the default price. */
export interface ReplacePricingPlanParams {
  rows: PricingPlanRowParams[];
}
