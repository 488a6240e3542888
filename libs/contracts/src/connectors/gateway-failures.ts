/**
 * Why a gateway refused or failed a payment, in Payrail's words: each connector maps its gateway's own
 * codes (Stripe's `decline_code`, Razorpay's `error.reason`, M-Pesa's `ResultCode`) onto these, so that
 * nothing gateway-specific leaks into payments. The values are Stripe's error codes, which the API shows.
 */
export const GATEWAY_FAILURE_CODES = [
  'card_declined',
  'expired_card',
  'incorrect_cvc',
  'incorrect_number',
  'processing_error',
  'authentication_required',
  'payment_intent_authentication_failure',
] as const;

export type GatewayFailureCode = (typeof GATEWAY_FAILURE_CODES)[number];

/** The finer reason of a `card_declined`, as Stripe names it. */
export const DECLINE_CODES = [
  'generic_decline',
  'insufficient_funds',
  'lost_card',
  'stolen_card',
  'expired_card',
  'incorrect_cvc',
  'incorrect_number',
  'processing_error',
  'fraudulent',
  'do_not_honor',
  'card_not_supported',
  'currency_not_supported',
  'authentication_required',
  'test_mode_live_card',
  'try_again_later',
  /** The customer entered a wrong PIN (M-Pesa's ResultCode 2001). */
  'incorrect_pin',
] as const;

export type DeclineCode = (typeof DECLINE_CODES)[number];

/** The gateways Payrail has connectors for. */
export const GATEWAYS = ['sandbox', 'stripe', 'razorpay', 'mpesa'] as const;

export type Gateway = (typeof GATEWAYS)[number];

/** What a gateway can do, declared by its connector; routing and validation read it. */
export interface GatewayCapabilities {
  paymentMethodTypes: readonly string[];
  /** ISO 4217 codes, lower case; `*` for any. */
  currencies: readonly string[];
  /** ISO 3166-1 alpha-2 codes of the merchants' countries; `*` for any. */
  countries: readonly string[];
  manualCapture: boolean;
  partialCapture: boolean;
  refunds: boolean;
  partialRefunds: boolean;
  threeDSecure: boolean;
}
