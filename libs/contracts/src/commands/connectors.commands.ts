import type { CardDetails } from '../resources/charge.resource.js';

export interface AuthorizePaymentParams {
  /** The payment intent being confirmed; with `attempt`, the gateway idempotency key. */
  paymentIntentId: string;
  attempt: number;
  amount: number;
  currency: string;
  /** A test token such as `pm_card_visa`, or a stored payment method's gateway token. */
  paymentMethod: string;
  captureMethod: 'automatic' | 'manual';
}

export type AuthorizeOutcome = 'succeeded' | 'declined';

export interface AuthorizePaymentResult {
  outcome: AuthorizeOutcome;
  connector: string;
  gatewayReference: string;
  card: CardDetails;
  networkStatus: string;
  riskLevel: string;
  sellerMessage: string;
  /** Set when declined: Stripe's error code (`card_declined`, `expired_card`, ...). */
  failureCode?: string;
  declineCode?: string;
  failureMessage?: string;
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
