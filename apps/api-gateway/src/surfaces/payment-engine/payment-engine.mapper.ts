import type { LedgerAccountResource, TransferResource } from '@payrail/contracts';
import { currencyExponent } from '@payrail/domain';
import type { EngineAccountResource, EngineBalanceResource, EngineTransactionResource } from './payment-engine.resources.js';

/** Minor units as the document's decimal amount (100.5 for USD 10050). */
export function toDecimal(minor: number, currency: string): number {
  return minor / 10 ** currencyExponent(currency);
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
const isoOrNull = (seconds: number | null) => (seconds === null ? null : iso(seconds));

export function toEngineTransaction(transfer: TransferResource): EngineTransactionResource {
  return {
    id: transfer.id,
    fromAccountId: transfer.from_account,
    toAccountId: transfer.to_account,
    paymentTypeId: transfer.payment_type,
    amount: toDecimal(transfer.amount, transfer.currency),
    fee: toDecimal(transfer.fee, transfer.currency),
    currencyCode: transfer.currency.toUpperCase(),
    status: transfer.status,
    failureReason: transfer.failure_reason,
    returnCode: transfer.return_code,
    description: transfer.description,
    externalReference: transfer.external_reference,
    metadata: transfer.metadata,
    createdAt: iso(transfer.created),
    completedAt: isoOrNull(transfer.completed_at),
  };
}

export function toEngineAccount(account: LedgerAccountResource): EngineAccountResource {
  return {
    id: account.id,
    currencyCode: account.currency.toUpperCase(),
    status: account.status,
    availableBalance: toDecimal(account.available_balance, account.currency),
    pendingBalance: toDecimal(account.pending_balance, account.currency),
    externalReference: account.external_reference,
    metadata: account.metadata,
    createdAt: iso(account.created),
  };
}

export function toEngineBalance(account: LedgerAccountResource): EngineBalanceResource {
  return {
    accountId: account.id,
    availableBalance: toDecimal(account.available_balance, account.currency),
    pendingBalance: toDecimal(account.pending_balance, account.currency),
    currencyCode: account.currency.toUpperCase(),
  };
}
