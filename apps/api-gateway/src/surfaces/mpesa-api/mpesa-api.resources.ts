import type { RefundStatusValue } from '@payrail/contracts';

/** `POST /api/payment/mpesa` and `/api/payment/test/mpesa`: the STK push was sent; the transaction is a PaymentIntent (`pi_…`). */
export class MpesaPaymentInitiatedResource {
  message: string;
  transaction_id: string;
  /** Daraja's CheckoutRequestID; null when the push did not reach Daraja. */
  checkout_request_id: string | null;
}

/** `POST /api/payment/mpesa-callback`: Daraja's callback taken (`duplicate` when it had been already). */
export class MpesaCallbackReceivedResource {
  message: string;
  duplicate: boolean;
}

/** `POST /api/payment/test/callback`: the sandbox transaction settled with the gateway. */
export class MpesaTestCallbackResource {
  message: string;
  transaction_id: string;
  status: 'pending' | 'completed' | 'failed' | 'cancelled';
}

export class MpesaMethod {
  type: 'mpesa';
  display_name: string;
  /** Whether the merchant has an enabled M-Pesa gateway account. */
  enabled: boolean;
  currency: 'KES';
}

export class MpesaSavedMethodDetails {
  phone_number: string | null;
}

/** An M-Pesa number saved as a customer's PaymentMethod (`pm_…`). */
export class MpesaSavedMethod {
  id: string;
  type: 'mpesa';
  details: MpesaSavedMethodDetails;
  is_default: boolean;
}

/** `GET /api/payment/methods`; `saved` only when `customer` is given. */
export class MpesaMethodsResource {
  methods: MpesaMethod[];
  saved?: MpesaSavedMethod[];
}

/** `POST /api/payment/methods`: the saved method and its customer (`cus_…`). */
export class MpesaMethodAddedResource {
  message: string;
  id: string;
  type: 'mpesa';
  details: MpesaSavedMethodDetails;
  is_default: boolean;
  customer: string;
}

/** `POST /api/payment/verify`. */
export class MpesaVerificationResource {
  status: 'pending' | 'completed' | 'failed' | 'cancelled';
  message: string;
}

export class MpesaHistoryEntry {
  id: string;
  /** Decimal shillings. */
  amount: number;
  status: 'pending' | 'completed' | 'failed' | 'cancelled';
  payment_method: 'mpesa';
  /** ISO 8601 without milliseconds. */
  created_at: string;
}

/** `GET /api/payment/history`: the caller's M-Pesa transactions, newest first, by numbered pages. */
export class MpesaHistoryResource {
  results: MpesaHistoryEntry[];
  total: number;
  page: number;
}

/** `GET /api/payment/transactions/{id}/receipt`. */
export class MpesaReceiptResource {
  /** M-Pesa's receipt number; null until paid. */
  receipt_number: string | null;
  /** `YYYY-MM-DD HH:MM:SS`, UTC. */
  date: string;
  /** `KES 1,000.00`. */
  amount: string;
  payment_method: 'M-Pesa';
  status: 'Pending' | 'Completed' | 'Failed' | 'Cancelled';
  /** Always null: Daraja's callback carries no name. */
  customer_name: string | null;
  /** Masked but for its last four digits (`254*****5678`). */
  customer_phone: string | null;
  order_reference: string | null;
}

/** `POST /api/payment/transactions/{id}/refund`. */
export class MpesaRefundResource {
  message: string;
  refund_id: string;
  status: RefundStatusValue;
}

export class MpesaErrorDetails {
  /** The parameter at fault, when one is. */
  field?: string;
}

/** The M-Pesa API document's error body. */
export class MpesaErrorResource {
  error: string;
  code: 'AMOUNT_TOO_LOW' | 'AMOUNT_TOO_HIGH' | 'PAYMENT_FAILED' | 'INVALID_PHONE' | 'INVALID_CURRENCY' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'RATE_LIMIT_EXCEEDED' | 'INTERNAL_ERROR' | 'INVALID_REQUEST';
  details: MpesaErrorDetails;
}
