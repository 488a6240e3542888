/** The `error` object of Payrail's Stripe-shaped error envelope, as sent. */
export interface ErrorBody {
  type?: string;
  code?: string;
  message?: string;
  param?: string;
  decline_code?: string;
  request_id?: string | null;
  retry_after?: number;
  details?: { [key: string]: unknown };
}

/** Every failure the SDK reports: an answer from the API carries its status and envelope; a network failure has status 0. */
export class PayrailError extends Error {
  readonly type: string;
  readonly code: string | undefined;
  readonly param: string | undefined;
  readonly decline_code: string | undefined;
  readonly request_id: string | undefined;
  readonly status: number;
  readonly details: { [key: string]: unknown } | undefined;
  readonly body: ErrorBody;

  constructor(status: number, body: ErrorBody, requestIdHeader?: string | null) {
    super(body.message ?? `Payrail answered HTTP ${status}`);
    this.name = new.target.name;
    this.status = status;
    this.body = body;
    this.type = body.type ?? 'api_error';
    this.code = body.code;
    this.param = body.param;
    this.decline_code = body.decline_code;
    this.request_id = body.request_id ?? requestIdHeader ?? undefined;
    this.details = body.details;
  }
}

export class CardError extends PayrailError {}
export class InvalidRequestError extends PayrailError {}
export class AuthenticationError extends PayrailError {}
export class PermissionError extends PayrailError {}
export class RateLimitError extends PayrailError {}
export class IdempotencyError extends PayrailError {}
export class ApiError extends PayrailError {}
/** No answer at all (refused connection, reset, timeout) after every retry. */
export class ConnectionError extends PayrailError {
  constructor(cause: unknown) {
    super(0, { type: 'api_connection_error', message: `Could not reach Payrail: ${cause instanceof Error ? cause.message : String(cause)}` });
    this.cause = cause;
  }
}

/** The error class for an envelope, by its `type` first and its status where the type says too little. */
export function errorFromResponse(status: number, body: ErrorBody, requestIdHeader: string | null): PayrailError {
  switch (body.type) {
    case 'card_error': return new CardError(status, body, requestIdHeader);
    case 'rate_limit_error': return new RateLimitError(status, body, requestIdHeader);
    case 'idempotency_error': return new IdempotencyError(status, body, requestIdHeader);
    case 'authentication_error': return new AuthenticationError(status, body, requestIdHeader);
    case 'invalid_request_error':
      if (status === 403) return new PermissionError(status, body, requestIdHeader);
      return new InvalidRequestError(status, body, requestIdHeader);
    default:
      if (status === 401) return new AuthenticationError(status, body, requestIdHeader);
      if (status === 403) return new PermissionError(status, body, requestIdHeader);
      if (status === 429) return new RateLimitError(status, body, requestIdHeader);
      if (status >= 400 && status < 500) return new InvalidRequestError(status, body, requestIdHeader);
      return new ApiError(status, body, requestIdHeader);
  }
}

/** Reads an answer's envelope; an answer without one (a proxy's HTML page) still becomes a typed error. */
export async function errorFromFetchResponse(response: Response): Promise<PayrailError> {
  const text = await response.text();
  let body: ErrorBody = { message: text.slice(0, 500) || `HTTP ${response.status}` };
  try {
    const parsed: unknown = JSON.parse(text);
    if (isEnvelope(parsed)) body = parsed.error;
    else if (isOAuthError(parsed)) body = { type: 'authentication_error', code: parsed.error, message: parsed.error_description ?? parsed.error };
  } catch {
    // not JSON: keep the text as the message
  }
  return errorFromResponse(response.status, body, response.headers.get('request-id'));
}

function isEnvelope(value: unknown): value is { error: ErrorBody } {
  return typeof value === 'object' && value !== null && 'error' in value && typeof value.error === 'object' && value.error !== null;
}

/** RFC 6749 errors from /oauth/token: `{error: "invalid_client", error_description}`. */
function isOAuthError(value: unknown): value is { error: string; error_description?: string } {
  return typeof value === 'object' && value !== null && 'error' in value && typeof value.error === 'string';
}
