import type { CardInput } from './payment-methods.commands.js';
import type { CheckoutTransactionStatus } from '../resources/checkout-session.resource.js';
import type { CreatedFilter } from './payments.commands.js';
import type { ListParams, Metadata } from '../resources/list.js';

export interface CheckoutProductDataInput {
  name: string;
  description?: string;
  images?: string[];
}

export interface CheckoutPriceDataInput {
  currency: string;
  unit_amount: number;
  product_data: CheckoutProductDataInput;
}

export interface CheckoutLineItemInput {
  price_data: CheckoutPriceDataInput;
  quantity: number;
}

export interface CheckoutPaymentIntentDataInput {
  capture_method?: 'automatic' | 'manual';
  description?: string;
  metadata?: Metadata;
}

/** The payment method types the hosted checkout page can take (UPI at Razorpay's Hosted Checkout). */
export const HOSTED_CHECKOUT_PAYMENT_METHOD_TYPES = ['card', 'mpesa', 'upi'] as const;

/** Stripe's `checkout.sessions.create`, mode `payment` with inline prices (`price_data`). */
export interface CreateCheckoutSessionParams {
  mode: 'payment';
  line_items: CheckoutLineItemInput[];
  success_url: string;
  cancel_url?: string;
  customer?: string;
  customer_email?: string;
  client_reference_id?: string;
  metadata?: Metadata;
  payment_method_types?: string[];
  payment_intent_data?: CheckoutPaymentIntentDataInput;
  /** Unix seconds, 30 minutes to 24 hours from now; 24 hours when absent. */
  expires_at?: number;
  locale?: string;
  /**
   * The gateway API document's `/pay` fields, set by that surface only (the /v1 DTO has none of them):
   * `order_id` is unique per merchant and mode, and becomes `client_reference_id` too. A create for an
   * order_id that has its session already answers that session when it defines the same payment (the
   * merchant's retry), and is refused otherwise.
   */
  order_id?: string;
  customer_name?: string;
  customer_phone?: string;
  /**
   * The session's id, chosen by the caller (`cs_…`) so that a create retried after a lost reply is
   * answered with the session the first one made, never a second session or a duplicate order_id.
   */
  id?: string;
  /** Where this payment's own notifications go (the gateway API document's `webhook_url`); never in any public object or event. */
  notification?: CheckoutNotificationTargetInput;
}

/** A per-payment notification target: its URL (already checked by webhook-dispatch) and the signing key (`hk_…`) that signs. */
export interface CheckoutNotificationTargetInput {
  url: string;
  signing_key: string;
}

export interface ListCheckoutSessionsParams extends ListParams {
  payment_intent?: string;
  customer?: string;
  client_reference_id?: string;
  status?: 'open' | 'complete' | 'expired';
}

export interface ListCheckoutLineItemsParams extends ListParams {
  id: string;
}

/** The hosted page: not merchant-scoped, the session's unguessable id in its URL is the credential. */
export interface CheckoutPageParams {
  id: string;
}

/**
 * A card submitted on the hosted page. `attempt` is the confirmation the page was rendered for: every
 * submission of that page (double click, a second tab, a resubmitted form) confirms under one
 * idempotency key derived from the session and the attempt, so it is answered once.
 */
export interface PayCheckoutSessionParams {
  id: string;
  attempt: number;
  /** One of `card`, `mpesa` and `at_gateway`: the method the customer chose on the page. */
  card?: CardInput;
  /** UPI, or a card, paid on the gateway's own page (Razorpay's Hosted Checkout): nothing is typed on Payrail's. */
  at_gateway?: 'upi' | 'card';
  /** The customer's M-Pesa number (`07…`, `+254…`, `254…`): the STK push goes to that phone. */
  mpesa?: { phone_number: string };
  email?: string;
  name?: string;
  /** Where 3-D Secure sends the customer back: the hosted page itself, as the edge serves it. */
  return_url: string;
}

export type PayCheckoutSessionResult =
  | { outcome: 'complete'; redirect_to: string }
  | { outcome: 'requires_action'; redirect_to: string }
  /** Declined or refused: the page is shown again with the reason (from the PaymentIntent's last error). */
  | { outcome: 'retry'; code: string; message: string }
  /** Expired, or paid meanwhile: the page says so. */
  | { outcome: 'closed' }
  /** Another submission of this attempt is still with the gateway: the page is reloaded. */
  | { outcome: 'in_progress' }
  /** An M-Pesa prompt is on the customer's phone: the page waits on the PaymentIntent's stream. */
  | { outcome: 'awaiting_customer'; payment_intent: string; client_secret: string }
  /**
   * The customer pays at Razorpay's Hosted Checkout: the page posts `key_id` and `order_id` (never a
   * secret) to `checkout_url`, and Razorpay posts its result back to the page's return route.
   */
  | { outcome: 'razorpay_checkout'; checkout_url: string; key_id: string; order_id: string };

/** What Razorpay's Hosted Checkout posted back to the hosted page for a session when the customer paid. */
export interface CheckoutGatewayReturnParams {
  id: string;
  razorpay: { razorpay_order_id: string; razorpay_payment_id: string; razorpay_signature: string };
}

/** The gateway API document's `GET /transactions`, filtered where the sessions are. */
export interface ListCheckoutTransactionsParams {
  /** From 1. */
  page?: number;
  limit?: number;
  status?: CheckoutTransactionStatus;
  order_id?: string;
  /** One session: how `GET /transaction/{id}` learns its status. */
  id?: string;
  created?: CreatedFilter;
}
