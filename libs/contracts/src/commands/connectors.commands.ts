import type { CardDetails, ChargeGateway, UpiPaymentDetails } from '../resources/charge.resource.js';

export interface AuthorizePaymentParams {
  /** The payment intent being confirmed; with `attempt`, the gateway idempotency key. */
  paymentIntentId: string;
  attempt: number;
  amount: number;
  currency: string;
  /** A test token such as `pm_card_visa`, or a stored payment method's gateway token. */
  paymentMethod: string;
  /** What routing matches gateways' capabilities on; `card` when absent. */
  paymentMethodType?: string;
  captureMethod: 'automatic' | 'manual';
  /** The intent's metadata, for routing rules that match on it. */
  metadata?: Record<string, string>;
  /** Where a gateway that hosts 3-D Secure itself (Stripe) sends the customer back: the merchant's `return_url`. */
  returnUrl?: string;
}

/**
 * `pending`: the gateway took the payment and will settle it later (M-Pesa's STK push waits for the
 * customer's PIN); its callback or a sync tells how it ended.
 */
export type AuthorizeOutcome = 'succeeded' | 'declined' | 'requires_action' | 'pending';

/**
 * What the customer must do at the gateway before a `requires_action` authorisation can finish:
 * `redirect_to_url`, the gateway's own 3-D Secure page (Stripe's `next_action.redirect_to_url.url`);
 * `razorpay_checkout`, pay the order in Razorpay Checkout (amount in the currency's minor unit).
 */
export type GatewayCustomerAction =
  | { type: 'redirect_to_url'; url: string }
  /** `checkout_url`: Razorpay's Hosted Checkout; absent on actions recorded before it was carried. */
  | { type: 'razorpay_checkout'; order_id: string; key_id: string; checkout_url?: string; amount: number; currency: string };

export interface AuthorizePaymentResult {
  outcome: AuthorizeOutcome;
  connector: string;
  gatewayReference: string;
  card: CardDetails;
  /** Set when the customer paid (or tried to pay) by UPI: `card` is then the empty card. */
  upi?: UpiPaymentDetails;
  networkStatus: string;
  riskLevel: string;
  sellerMessage: string;
  /** Set when declined: Stripe's error code (`card_declined`, `expired_card`, ...). */
  failureCode?: string;
  declineCode?: string;
  failureMessage?: string;
  /** With `requires_action`, when the customer must act at the gateway itself; absent when Payrail hosts 3-D Secure. */
  customerAction?: GatewayCustomerAction;
  /** The account that answered, its own reference and every account tried for this attempt: the charge shows it. */
  gateway: ChargeGateway;
  /** `pending` only: what the client shows while the gateway waits for the customer. */
  nextAction?: { type: 'mpesa_stk_push'; mpesa_stk_push: { checkout_request_id: string | null; expires_at: number } };
  /** The receipt the gateway gave the customer (M-Pesa's MpesaReceiptNumber), once the payment succeeded. */
  gatewayReceipt?: string;
}

/**
 * What became of one authorisation attempt (or its 3D Secure completion) whose answer was lost: the
 * attempt as recorded, or the gateway's own record of it. `not_found` is final: the gateway has no
 * record and will refuse the attempt from now on, so no money moved and none will.
 */
export interface SyncAuthorizationParams {
  paymentIntentId: string;
  attempt: number;
  step: 'authorization' | 'authentication';
  /** Only what Payrail recorded (a pending authorisation's settlement, if any): the gateway is not asked. */
  recordedOnly?: boolean;
}

export type SyncAuthorizationResult =
  | { outcome: 'not_found' }
  | AuthorizePaymentResult;

/**
 * The PaymentIntent was canceled: whatever a customer paid since at the gateway's checkout for it (a
 * Razorpay order has no cancel) is refunded in full, once. Sent by payments when it learns of such a
 * payment before the gateway's callback does (the customer came back to a closed checkout session).
 */
export interface GiveBackLatePaymentsParams {
  paymentIntentId: string;
}

export interface GiveBackLatePaymentsResult {
  /** Refunds made or found for this intent's late payments by this call. */
  refunds: number;
}

/** The customer's 3D Secure result for an authorisation that answered `requires_action`. */
export interface CompleteAuthenticationParams {
  paymentIntentId: string;
  attempt: number;
  /** The `requires_action` authorisation's gateway reference. */
  gatewayReference: string;
  authenticated: boolean;
  /** What Razorpay Checkout handed the customer's browser; its signature is checked against the order. */
  checkout?: RazorpayCheckoutResult;
}

export interface RazorpayCheckoutResult {
  razorpay_payment_id: string;
  razorpay_signature: string;
}

/** Capture (all or part) of a manual-capture authorisation; once per payment intent. */
export interface CapturePaymentParams {
  paymentIntentId: string;
  connector: string;
  gatewayReference: string;
  amount: number;
  currency: string;
}

/** Release an uncaptured authorisation; once per payment intent. */
export interface VoidPaymentParams {
  paymentIntentId: string;
  connector: string;
  gatewayReference: string;
}

export interface SettlePaymentResult {
  status: 'succeeded' | 'failed';
  gatewayReference: string;
  failureReason?: string;
}

export interface RefundPaymentParams {
  refundId: string;
  connector: string;
  gatewayReference: string;
  amount: number;
  currency: string;
}

export interface RefundPaymentResult {
  status: 'succeeded' | 'failed' | 'pending';
  gatewayReference: string;
  failureReason?: string;
}
