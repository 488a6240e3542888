import type { LedgerAccountStatus, Metadata, TransferPaymentType, TransferStatus } from '@payrail/contracts';

/** The Payment Engine document's account: decimal balances in its currency, `currencyCode` upper case. */
export class EngineAccountResource {
  id: string;
  currencyCode: string;
  status: LedgerAccountStatus;
  /** Decimal, in the currency's major unit (100.5 for USD 10050). */
  availableBalance: number;
  pendingBalance: number;
  externalReference: string | null;
  metadata: Metadata;
  /** ISO 8601. */
  createdAt: string;
}

export class EngineAccountListResource {
  data: EngineAccountResource[];
  hasMore: boolean;
}

/** `GET /api/v1/accounts/{id}/balance`. */
export class EngineBalanceResource {
  accountId: string;
  availableBalance: number;
  pendingBalance: number;
  currencyCode: string;
}

/** The Payment Engine document's transaction: a transfer between two of the merchant's accounts. */
export class EngineTransactionResource {
  id: string;
  fromAccountId: string;
  toAccountId: string;
  paymentTypeId: TransferPaymentType;
  /** Decimal, received by `toAccountId`; `fee` is taken from `fromAccountId` on top. */
  amount: number;
  fee: number;
  currencyCode: string;
  status: TransferStatus;
  failureReason: string | null;
  /** An ACH return code (`R01` …) when the transfer came back. */
  returnCode: string | null;
  description: string | null;
  externalReference: string | null;
  metadata: Metadata;
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601; null until it settles. */
  completedAt: string | null;
}

export class EngineTransactionListResource {
  data: EngineTransactionResource[];
  hasMore: boolean;
}

/** `GET /api/v1/transactions/{id}/status`, for polling. */
export class EngineTransactionStatusResource {
  id: string;
  status: TransferStatus;
  failureReason: string | null;
  returnCode: string | null;
  completedAt: string | null;
}

export class EngineError {
  code: 'INVALID_REQUEST' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'INSUFFICIENT_FUNDS' | 'INVALID_ACCOUNT_STATUS' | 'RATE_LIMIT_EXCEEDED' | 'INTERNAL_ERROR' | 'SERVICE_UNAVAILABLE';
  message: string;
  /**
   * `{accountId, requestedAmount, availableBalance}` for INSUFFICIENT_FUNDS, `{accountId, status}` for
   * INVALID_ACCOUNT_STATUS, `{field}` naming a parameter at fault, else empty.
   */
  details: Record<string, unknown>;
  /** ISO 8601. */
  timestamp: string;
  requestId: string | null;
}

/** The Payment Engine document's error body. */
export class EngineErrorResource {
  error: EngineError;
}
