import type { Metadata } from './list.js';

export type CheckoutSessionStatus = 'open' | 'complete' | 'expired';
export type CheckoutPaymentStatus = 'paid' | 'unpaid' | 'no_payment_required';

/** Stripe's line item (`item`), its price inline as a one-time price of its own product. */
export class CheckoutLineItemResource {
  id: string;
  object: 'item';
  amount_discount: number;
  amount_subtotal: number;
  amount_tax: number;
  amount_total: number;
  currency: string;
  description: string;
  price: {
    id: string;
    object: 'price';
    active: boolean;
    billing_scheme: 'per_unit';
    created: number;
    currency: string;
    livemode: boolean;
    metadata: Metadata;
    product: string;
    type: 'one_time';
    unit_amount: number;
    unit_amount_decimal: string;
  };
  quantity: number;
}

/** A Checkout Session as Stripe's API returns it (the fields Payrail implements). */
export class CheckoutSessionResource {
  id: string;
  object: 'checkout.session';
  amount_subtotal: number;
  amount_total: number;
  cancel_url: string | null;
  client_reference_id: string | null;
  created: number;
  currency: string;
  customer: string | null;
  customer_details: { email: string | null; name: string | null } | null;
  customer_email: string | null;
  expires_at: number;
  livemode: boolean;
  locale: string | null;
  metadata: Metadata;
  mode: 'payment';
  payment_intent: string | null;
  payment_method_types: string[];
  payment_status: CheckoutPaymentStatus;
  status: CheckoutSessionStatus;
  success_url: string;
  total_details: { amount_discount: number; amount_shipping: number; amount_tax: number };
  ui_mode: 'hosted';
  /** The hosted payment page; null once the session is complete or expired, as on Stripe. */
  url: string | null;
}

/** What the hosted page shows: the order, and where the payment stands. */
export class CheckoutPageView {
  id: string;
  merchant_id: string;
  livemode: boolean;
  status: CheckoutSessionStatus;
  currency: string;
  amount_subtotal: number;
  amount_total: number;
  line_items: Array<{ name: string; description: string | null; quantity: number; unit_amount: number; amount_total: number }>;
  locale: string | null;
  customer_email: string | null;
  payment_method_types: string[];
  cancel_url: string | null;
  /** success_url with `{CHECKOUT_SESSION_ID}` replaced; where a completed session sends the customer. */
  success_url: string;
  expires_at: number;
  /** The confirmation a card submitted from this page is for (see PayCheckoutSessionParams). */
  attempt: number;
  /** A payment is with the gateway right now: the page waits for it rather than take another card. */
  processing: boolean;
  /** Why the last attempt failed, shown above the form. */
  last_error: { code: string; message: string } | null;
  /** Types the customer pays on the gateway's own checkout page (cards routed to Razorpay): the page takes no card for them. */
  paid_at_gateway: string[];
}

/**
 * Where a session's payment stands in the gateway API document's terms: `pending` while open, `failed`
 * once expired unpaid, `success` once paid, then `refunded` once any of it is refunded and `disputed`
 * once the customer disputes it.
 */
export type CheckoutTransactionStatus = 'pending' | 'success' | 'failed' | 'refunded' | 'disputed';

export interface CheckoutTransactionResource {
  session: CheckoutSessionResource;
  status: CheckoutTransactionStatus;
  /** Minor units refunded from its charge so far. */
  amount_refunded: number;
}

/** A numbered page (the document pages by number, not by cursor), newest first. */
export interface CheckoutTransactionPage {
  data: CheckoutTransactionResource[];
  page: number;
  limit: number;
  total: number;
}
