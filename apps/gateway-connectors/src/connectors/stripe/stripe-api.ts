/**
 * The slice of Stripe's API objects the connector reads (https://docs.stripe.com/api), at the pinned
 * version. Everything is optional where Stripe or stripe-mock's fixtures may leave it out or unexpanded.
 */

/** Pinned so that Stripe's answers keep the shape mapped here; stripe-mock v0.203.0 serves this version. */
export const STRIPE_API_VERSION = '2026-08-26.dahlia';

export type StripePaymentIntentStatus =
  | 'requires_payment_method'
  | 'requires_confirmation'
  | 'requires_action'
  | 'processing'
  | 'requires_capture'
  | 'canceled'
  | 'succeeded';

export interface StripeCard {
  brand?: string;
  last4?: string;
  exp_month?: number;
  exp_year?: number;
  funding?: string;
  country?: string | null;
  fingerprint?: string | null;
}

export interface StripePaymentMethod {
  id: string;
  card?: StripeCard | null;
}

export interface StripeChargeOutcome {
  network_status?: string | null;
  risk_level?: string | null;
  seller_message?: string | null;
}

/**
 * What a charge did to the account's balance (https://docs.stripe.com/api/balance_transactions): `fee` is
 * everything Stripe kept (the sum of `fee_details`, tax included), in `currency`, which is the account's
 * settlement currency and may differ from the charge's (then `amount` was converted at `exchange_rate`).
 */
export interface StripeBalanceTransaction {
  id: string;
  object: 'balance_transaction';
  amount: number;
  currency: string;
  fee: number;
  fee_details?: { amount: number; currency: string; type: string }[];
  exchange_rate?: number | null;
}

export interface StripeCharge {
  id: string;
  outcome?: StripeChargeOutcome | null;
  payment_method_details?: { card?: StripeCard | null } | null;
  /** Set once the charge is captured; expanded when asked for (`latest_charge.balance_transaction`). */
  balance_transaction?: string | StripeBalanceTransaction | null;
}

export interface StripeLastPaymentError {
  type?: string;
  code?: string;
  decline_code?: string;
  message?: string;
}

export interface StripePaymentIntent {
  id: string;
  object: 'payment_intent';
  status: StripePaymentIntentStatus;
  amount: number;
  currency: string;
  capture_method?: 'automatic' | 'automatic_async' | 'manual';
  latest_charge?: string | StripeCharge | null;
  payment_method?: string | StripePaymentMethod | null;
  last_payment_error?: StripeLastPaymentError | null;
  next_action?: { type?: string; redirect_to_url?: { url?: string | null; return_url?: string | null } | null } | null;
  metadata?: Record<string, string>;
}

export interface StripeRefund {
  id: string;
  object: 'refund';
  status?: 'pending' | 'requires_action' | 'succeeded' | 'failed' | 'canceled' | null;
  failure_reason?: string | null;
  /** What the refund took from the balance (a negative `amount`, converted at its own `exchange_rate`); expanded when asked for. */
  balance_transaction?: string | StripeBalanceTransaction | null;
}

export interface StripeSearchResult<T> {
  object: 'search_result';
  data: T[];
  has_more: boolean;
}

/** Stripe's error body (https://docs.stripe.com/api/errors): a card error carries the intent and the payment method. */
export interface StripeError {
  type: 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error' | string;
  code?: string;
  decline_code?: string;
  message?: string;
  param?: string;
  payment_intent?: StripePaymentIntent;
  payment_method?: StripePaymentMethod;
}
