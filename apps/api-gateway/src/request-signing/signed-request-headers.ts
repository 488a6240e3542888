import { PayrailError } from '@payrail/errors';

/** How far `X-API-TIMESTAMP` may be from the edge's clock, either way. */
export const SIGNATURE_WINDOW_SECONDS = 300;
/** Kept a little past the window, so that clock skew between edge replicas and the database cannot free a nonce early. */
const NONCE_RETENTION_MARGIN_SECONDS = 60;
const MAX_NONCE_LENGTH = 128;
const MAX_KEY_ID_LENGTH = 256;
const MAX_SIGNATURE_LENGTH = 256;
const NONCE_FORMAT = /^[\x21-\x7e]+$/;
const TIMESTAMP_FORMAT = /^\d{1,12}$/;

export const SIGNATURE_HEADERS = ['X-API-KEY', 'X-API-TIMESTAMP', 'X-API-NONCE', 'X-API-SIGNATURE'] as const;

export interface SignedRequestHeaders {
  keyId: string;
  /** As sent: it is signed as text. */
  timestamp: string;
  nonce: string;
  signature: string;
}

type HeaderReader = (name: string) => string | undefined;

/** Whether the caller chose to authenticate by signature rather than with an API key. */
export function isSignedRequest(header: HeaderReader): boolean {
  return header('x-api-signature') !== undefined;
}

/** The four signature headers; a 401 naming every one that is missing or empty. */
export function readSignatureHeaders(header: HeaderReader): SignedRequestHeaders {
  const values = SIGNATURE_HEADERS.map((name) => header(name.toLowerCase())?.trim() ?? '');
  const missing = SIGNATURE_HEADERS.filter((_name, index) => values[index] === '');
  if (missing.length > 0) {
    throw new PayrailError(
      'authentication_required',
      `A signed request needs the ${SIGNATURE_HEADERS.join(', ')} headers; missing: ${missing.join(', ')}.`,
    );
  }
  const [keyId, timestamp, nonce, signature] = values;
  if (keyId.length > MAX_KEY_ID_LENGTH) throw new PayrailError('signing_key_invalid', 'Invalid signing key provided.');
  if (signature.length > MAX_SIGNATURE_LENGTH) throw new PayrailError('signature_invalid', 'The request signature does not match.');
  return { keyId, timestamp, nonce, signature };
}

/** Unix seconds within the window of `nowSeconds`; checked before anything else, as it costs nothing. */
export function checkTimestamp(timestamp: string, nowSeconds: number): number {
  if (!TIMESTAMP_FORMAT.test(timestamp)) {
    throw new PayrailError('timestamp_out_of_range', 'X-API-TIMESTAMP must be the time of the request in unix seconds.');
  }
  const seconds = Number(timestamp);
  if (Math.abs(nowSeconds - seconds) > SIGNATURE_WINDOW_SECONDS) {
    throw new PayrailError(
      'timestamp_out_of_range',
      `X-API-TIMESTAMP is more than ${SIGNATURE_WINDOW_SECONDS} seconds away from the current time. Sign each request with the current unix time in seconds.`,
    );
  }
  return seconds;
}

export function checkNonce(nonce: string): void {
  if (nonce.length > MAX_NONCE_LENGTH || !NONCE_FORMAT.test(nonce)) {
    throw new PayrailError('authentication_required', `X-API-NONCE must be 1 to ${MAX_NONCE_LENGTH} visible ASCII characters.`);
  }
}

/** Until when a nonce must be remembered: past it, a request carrying it fails the timestamp check anyway. */
export function nonceExpiresAt(timestampSeconds: number): number {
  return timestampSeconds + SIGNATURE_WINDOW_SECONDS + NONCE_RETENTION_MARGIN_SECONDS;
}
