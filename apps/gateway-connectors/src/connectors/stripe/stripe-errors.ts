import type { DeclineCode, GatewayFailureCode } from '@payrail/contracts';
import { PayrailError, type ErrorCode } from '@payrail/errors';
import { GatewayOutcomeUnknownError, GatewayUnreachableError } from '../../http/gateway-http-client.js';
import type { StripeError } from './stripe-api.js';

/** Stripe's card error codes that Payrail names alike; any other card error is a `card_declined`. */
const FAILURE_CODES: Readonly<Record<string, GatewayFailureCode>> = {
  card_declined: 'card_declined',
  expired_card: 'expired_card',
  incorrect_cvc: 'incorrect_cvc',
  invalid_cvc: 'incorrect_cvc',
  incorrect_number: 'incorrect_number',
  invalid_number: 'incorrect_number',
  processing_error: 'processing_error',
  authentication_required: 'authentication_required',
  payment_intent_authentication_failure: 'payment_intent_authentication_failure',
};

/**
 * Stripe's decline codes (https://docs.stripe.com/declines/codes) folded onto Payrail's: the ones Payrail
 * names keep their name, the others go to the nearest reason a merchant can act on alike.
 */
const DECLINE_CODES: Readonly<Record<string, DeclineCode>> = {
  generic_decline: 'generic_decline',
  insufficient_funds: 'insufficient_funds',
  card_velocity_exceeded: 'insufficient_funds',
  withdrawal_count_limit_exceeded: 'insufficient_funds',
  lost_card: 'lost_card',
  pickup_card: 'lost_card',
  stolen_card: 'stolen_card',
  expired_card: 'expired_card',
  incorrect_cvc: 'incorrect_cvc',
  invalid_cvc: 'incorrect_cvc',
  incorrect_number: 'incorrect_number',
  invalid_number: 'incorrect_number',
  processing_error: 'processing_error',
  fraudulent: 'fraudulent',
  merchant_blacklist: 'fraudulent',
  security_violation: 'fraudulent',
  do_not_honor: 'do_not_honor',
  do_not_try_again: 'do_not_honor',
  restricted_card: 'do_not_honor',
  revocation_of_authorization: 'do_not_honor',
  card_not_supported: 'card_not_supported',
  transaction_not_allowed: 'card_not_supported',
  currency_not_supported: 'currency_not_supported',
  authentication_required: 'authentication_required',
  online_or_offline_pin_required: 'authentication_required',
  test_mode_live_card: 'test_mode_live_card',
  try_again_later: 'try_again_later',
  issuer_not_available: 'try_again_later',
  reenter_transaction: 'try_again_later',
  approve_with_id: 'try_again_later',
};

export function failureCodeOf(stripeCode: string | undefined): GatewayFailureCode {
  return (stripeCode && FAILURE_CODES[stripeCode]) || 'card_declined';
}

/** The decline code if Stripe gave one, else the one its error code implies (an `expired_card` has none). */
export function declineCodeOf(stripeDeclineCode: string | undefined, stripeCode: string | undefined): DeclineCode {
  return (stripeDeclineCode && DECLINE_CODES[stripeDeclineCode]) || (stripeCode && DECLINE_CODES[stripeCode]) || 'generic_decline';
}

/** Stripe's messages may quote a parameter: no card number or key of any kind leaves the connector. */
export function redactSecrets(text: string): string {
  return text
    .replace(/\d(?:[ -]?\d){11,18}/g, '[redacted]')
    .replace(/\b(?:sk|rk|pk)_(?:test|live)_[A-Za-z0-9*]+/g, '[redacted]')
    .replace(/\bwhsec_[A-Za-z0-9]+/g, '[redacted]');
}

export function parseStripeError(body: string): StripeError | undefined {
  try {
    const parsed = JSON.parse(body) as { error?: StripeError };
    return typeof parsed.error?.type === 'string' ? parsed.error : undefined;
  } catch {
    return undefined;
  }
}

/** Invalid-request codes of Stripe's that mean what the catalogue's code of the same name means. */
const SHARED_REQUEST_CODES = new Set<ErrorCode>([
  'parameter_invalid',
  'parameter_missing',
  'parameter_unknown',
  'amount_too_small',
  'amount_too_large',
  'resource_missing',
  'payment_intent_unexpected_state',
  'charge_already_refunded',
]);

/**
 * What a refused call becomes for the caller (https://docs.stripe.com/error-handling): the caller's own
 * mistakes a 4xx PayrailError; a refused key a clear error about the gateway account that never quotes it;
 * 429 nothing processed (safe to fail over); 409 and 5xx an unknown outcome, for sync to settle.
 * Card errors are answers, not failures: the connector maps them to a decline before coming here.
 */
export function errorOfReply(status: number, body: string): Error {
  const error = parseStripeError(body);
  const message = redactSecrets(error?.message ?? `Stripe answered ${status}.`);
  if (status === 401) {
    return new PayrailError('gateway_credentials_refused', "Stripe refused the gateway account's secret key; update the account's credentials.");
  }
  if (status === 403) {
    return new PayrailError('gateway_credentials_refused', "The gateway account's Stripe key lacks the permission this request needs (a restricted key?).");
  }
  if (status === 429) return new GatewayUnreachableError(`Stripe refused the request for its rate limit (429); nothing was processed`);
  if (status === 409) return new GatewayOutcomeUnknownError('Stripe is still processing another request with the same idempotency key (409)');
  if (status >= 500) return new GatewayOutcomeUnknownError(`Stripe failed with ${status}; the request may have been processed`);
  const param = error?.param;
  if (error?.type === 'idempotency_error') return new PayrailError('idempotency_error', message);
  if (error?.type === 'card_error') {
    return new PayrailError(cardErrorCodeOf(error.code), message, { declineCode: declineCodeOf(error.decline_code, error.code), param });
  }
  return new PayrailError(requestCodeOf(status, error?.code), message, param ? { param } : {});
}

/** Authentication failures stay card declines here: the catalogue's `authentication_required` is the caller's key. */
function cardErrorCodeOf(stripeCode: string | undefined): ErrorCode {
  const code = failureCodeOf(stripeCode);
  return code === 'authentication_required' || code === 'payment_intent_authentication_failure' ? 'card_declined' : code;
}

function requestCodeOf(status: number, stripeCode: string | undefined): ErrorCode {
  if (stripeCode && SHARED_REQUEST_CODES.has(stripeCode as ErrorCode)) return stripeCode as ErrorCode;
  if (stripeCode?.startsWith('parameter_invalid')) return 'parameter_invalid';
  if (stripeCode === 'charge_already_captured') return 'payment_intent_unexpected_state';
  return status === 404 ? 'resource_missing' : 'parameter_invalid';
}
