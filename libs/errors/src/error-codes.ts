/**
 * The one catalogue of error codes. Stripe's codes keep Stripe's names so that SDKs and merchants'
 * error handling work unchanged; the rest follow the same style.
 */
export const ErrorCodes = [
  // invalid_request_error: the caller sent something we cannot act on.
  'parameter_invalid',
  'parameter_missing',
  'parameter_unknown',
  'body_invalid',
  'amount_too_small',
  'amount_too_large',
  'resource_missing',
  'route_missing',
  'payment_intent_unexpected_state',
  'charge_already_refunded',
  /** The dispute's status does not allow the action (evidence on a closed dispute, closing a won one). */
  'dispute_unexpected_state',
  /** The Checkout Session's status does not allow the action (expiring a completed or already expired session). */
  'checkout_session_unexpected_state',
  'api_key_unexpected_state',
  'oauth_client_unexpected_state',
  'idempotency_error',
  'idempotency_key_in_use',
  'gateway_account_required',
  /** The gateway refused the merchant's own credentials for it (not the caller's Payrail key): fix the gateway account. */
  'gateway_credentials_refused',
  /** A ledger account cannot pay the amount: `details` names the account, the amount requested and what is available. */
  'insufficient_funds',
  /** A ledger account's status (frozen, closed) does not allow the movement. */
  'account_status_invalid',
  // authentication / authorisation
  'authentication_required',
  'api_key_invalid',
  'api_key_expired',
  'permission_denied',
  'insufficient_scope',
  /** An operator suspended the merchant: its credentials are valid but refused until it is resumed. */
  'account_suspended',
  'access_token_invalid',
  'signing_key_invalid',
  'signature_invalid',
  'timestamp_out_of_range',
  'nonce_reused',
  'login_failed',
  'refresh_token_invalid',
  // card_error: the card or its issuer refused.
  'card_declined',
  'expired_card',
  'incorrect_cvc',
  'incorrect_number',
  'processing_error',
  'invalid_number',
  'invalid_expiry_month',
  'invalid_expiry_year',
  'invalid_cvc',
  // rate limiting
  'rate_limited',
  'login_throttled',
  'login_locked',
  // our side or a peer's
  'upstream_timeout',
  'gateway_unavailable',
  'service_unavailable',
  'internal_error',
] as const;

export type ErrorCode = (typeof ErrorCodes)[number];

/** Stripe's error `type`s; SDKs pick the exception class from it. */
export type ErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'card_error'
  | 'idempotency_error'
  | 'rate_limit_error'
  | 'api_error';

export interface ErrorClass {
  status: number;
  type: ErrorType;
}

/** Code → HTTP status and type. Exhaustive: a code added above without a case here does not compile. */
export function classify(code: ErrorCode): ErrorClass {
  switch (code) {
    case 'parameter_invalid':
    case 'parameter_missing':
    case 'parameter_unknown':
    case 'body_invalid':
    case 'amount_too_small':
    case 'amount_too_large':
    case 'payment_intent_unexpected_state':
    case 'charge_already_refunded':
    case 'dispute_unexpected_state':
    case 'checkout_session_unexpected_state':
    case 'api_key_unexpected_state':
    case 'oauth_client_unexpected_state':
    case 'gateway_account_required':
    case 'gateway_credentials_refused':
      return { status: 400, type: 'invalid_request_error' };
    case 'insufficient_funds':
    case 'account_status_invalid':
      return { status: 422, type: 'invalid_request_error' };
    case 'idempotency_error':
      return { status: 400, type: 'idempotency_error' };
    case 'idempotency_key_in_use':
      return { status: 409, type: 'idempotency_error' };
    case 'resource_missing':
    case 'route_missing':
      return { status: 404, type: 'invalid_request_error' };
    case 'authentication_required':
    case 'api_key_invalid':
    case 'api_key_expired':
    case 'access_token_invalid':
    case 'signing_key_invalid':
    case 'signature_invalid':
    case 'timestamp_out_of_range':
    case 'nonce_reused':
    case 'login_failed':
    case 'refresh_token_invalid':
      return { status: 401, type: 'authentication_error' };
    case 'permission_denied':
    case 'insufficient_scope':
    case 'account_suspended':
      return { status: 403, type: 'invalid_request_error' };
    case 'card_declined':
    case 'expired_card':
    case 'incorrect_cvc':
    case 'incorrect_number':
    case 'processing_error':
    case 'invalid_number':
    case 'invalid_expiry_month':
    case 'invalid_expiry_year':
    case 'invalid_cvc':
      return { status: 402, type: 'card_error' };
    case 'rate_limited':
    case 'login_throttled':
    case 'login_locked':
      return { status: 429, type: 'rate_limit_error' };
    case 'upstream_timeout':
      return { status: 504, type: 'api_error' };
    case 'gateway_unavailable':
    case 'service_unavailable':
      return { status: 503, type: 'api_error' };
    case 'internal_error':
      return { status: 500, type: 'api_error' };
    default:
      return unreachable(code);
  }
}

function unreachable(code: never): never {
  throw new Error(`Unmapped error code ${String(code)}`);
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ErrorCodes as readonly string[]).includes(value);
}
