import type { ReconciliationState } from './reconciliation.resource.js';
import type { Metadata } from './list.js';

export type PaymentIntentStatusValue =
  | 'requires_payment_method'
  | 'requires_confirmation'
  | 'requires_action'
  | 'processing'
  | 'requires_capture'
  | 'succeeded'
  | 'canceled';

export class LastPaymentError {
  type: 'card_error' | 'invalid_request_error' | 'api_error';
  code: string;
  decline_code?: string;
  message: string;
  payment_method?: { id: string; type: string };
}

/** What the customer must do before the payment can go on: here, 3D Secure on a redirect page. */
/**
 * `redirect_to_url`: send the customer to `url` (Payrail's 3-D Secure page, or the gateway's own, such as
 * Stripe's), which sends them back to `return_url`. `razorpay_checkout` (Payrail extension): open Razorpay
 * Checkout for `order_id` with `key_id` (or post them to `checkout_url`, Razorpay's Hosted Checkout), then confirm the intent with Checkout's `razorpay_payment_id` and
 * `razorpay_signature`. `mpesa_stk_push` (Payrail extension): the STK prompt is on the customer's phone; the
 * intent stays `processing` until they answer or it expires.
 */
export type PaymentIntentNextAction =
  | { type: 'redirect_to_url'; redirect_to_url: { url: string; return_url: string | null } }
  | { type: 'razorpay_checkout'; razorpay_checkout: { order_id: string; key_id: string; amount: number; currency: string; checkout_url?: string } }
  | { type: 'mpesa_stk_push'; mpesa_stk_push: MpesaStkPushDetails };

export class MpesaStkPushDetails {
  /** Null when Daraja's answer to the push was lost: the prompt may still be on the phone until `expires_at`. */
  checkout_request_id: string | null;
  /** Unix seconds. */
  expires_at: number;
}

/** A PaymentIntent as Stripe's API returns it (the fields Payrail implements). */
export class PaymentIntentResource {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_capturable: number;
  amount_received: number;
  currency: string;
  status: PaymentIntentStatusValue;
  client_secret: string;
  capture_method: 'automatic' | 'manual';
  confirmation_method: 'automatic' | 'manual';
  created: number;
  livemode: boolean;
  metadata: Metadata;
  description: string | null;
  payment_method: string | null;
  payment_method_types: string[];
  latest_charge: string | null;
  last_payment_error: LastPaymentError | null;
  next_action: PaymentIntentNextAction | null;
  canceled_at: number | null;
  cancellation_reason: string | null;
  customer: string | null;
  receipt_email: string | null;
  statement_descriptor: string | null;
  /** Payrail extension: set while `processing` and being settled with the gateway (see ReconciliationState). */
  reconciliation: ReconciliationState | null;
}
