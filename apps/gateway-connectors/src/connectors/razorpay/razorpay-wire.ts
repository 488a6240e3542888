/**
 * Razorpay's wire format (https://razorpay.com/docs/api), the fields Payrail reads or the simulator
 * writes. Amounts are integers in the currency's smallest unit (paise); times are unix seconds.
 */
export type RazorpayOrderStatus = 'created' | 'attempted' | 'paid';
export type RazorpayPaymentStatus = 'created' | 'authorized' | 'captured' | 'refunded' | 'failed';
export type RazorpayRefundStatus = 'pending' | 'processed' | 'failed';
export type RazorpayNotes = Record<string, string>;

export interface RazorpayOrder {
  id: string;
  entity: 'order';
  amount: number;
  amount_paid: number;
  amount_due: number;
  currency: string;
  receipt: string | null;
  offer_id: string | null;
  status: RazorpayOrderStatus;
  attempts: number;
  notes: RazorpayNotes | [];
  created_at: number;
}

export interface RazorpayCard {
  id: string;
  entity: 'card';
  name: string;
  last4: string;
  network: string;
  type: 'credit' | 'debit' | 'prepaid' | 'unknown';
  issuer: string | null;
  international: boolean;
  emi: boolean;
  sub_type: string;
}

export interface RazorpayPayment {
  id: string;
  entity: 'payment';
  amount: number;
  currency: string;
  status: RazorpayPaymentStatus;
  order_id: string | null;
  invoice_id: string | null;
  international: boolean;
  method: 'card' | 'upi';
  amount_refunded: number;
  refund_status: 'partial' | 'full' | null;
  captured: boolean;
  description: string | null;
  card_id: string | null;
  card?: RazorpayCard;
  bank: string | null;
  wallet: string | null;
  vpa: string | null;
  email: string;
  contact: string;
  notes: RazorpayNotes | [];
  /** Razorpay's fee for a captured payment, GST included, in paise of the settlement currency; null before capture. */
  fee: number | null;
  /** The GST part of `fee`. */
  tax: number | null;
  /** For a payment not in INR, what was settled in INR (`base_currency`): Razorpay settles, and charges its fee, in INR. */
  base_amount?: number;
  base_currency?: string;
  error_code: string | null;
  error_description: string | null;
  error_source: string | null;
  error_step: string | null;
  error_reason: string | null;
  acquirer_data: Record<string, string | null>;
  created_at: number;
}

export interface RazorpayRefund {
  id: string;
  entity: 'refund';
  amount: number;
  currency: string;
  payment_id: string;
  notes: RazorpayNotes | [];
  receipt: string | null;
  acquirer_data: { arn: string | null };
  created_at: number;
  batch_id: string | null;
  status: RazorpayRefundStatus;
  speed_processed: 'normal' | 'instant';
  speed_requested: 'normal' | 'optimum';
}

export interface RazorpayCollection<T> {
  entity: 'collection';
  count: number;
  items: T[];
}

/** Razorpay's error envelope, for API errors and for failed payments alike. */
export interface RazorpayErrorBody {
  error: {
    code: 'BAD_REQUEST_ERROR' | 'GATEWAY_ERROR' | 'SERVER_ERROR';
    description: string;
    source: string;
    step: string;
    reason: string;
    metadata: Record<string, string>;
    field?: string | null;
  };
}

/** Notes' keys carrying Payrail's view of an order, so that a later sync can answer from Razorpay alone. */
export const NOTE_IDEMPOTENCY_KEY = 'payrail_idempotency_key';
export const NOTE_CAPTURE_METHOD = 'payrail_capture_method';
/** A refund Payrail made because the payment came after its PaymentIntent stopped waiting for it. */
export const NOTE_LATE_PAYMENT = 'payrail_late_payment';
