import type { OAuthClientAuthentication, OAuthErrorCode } from '@payrail/contracts';

/** The client's credentials as presented; the edge adds the caller's address when it forwards them. */
export type ClientCredentials = Omit<OAuthClientAuthentication, 'sourceAddress'>;

export interface TokenEndpointRefusal {
  error: OAuthErrorCode;
  description: string;
  /** Seconds the client must wait before trying again (a throttled or locked client). */
  retryAfterSeconds?: number;
}

/**
 * `client_secret_basic`: RFC 6749 §2.3.1 has the id and secret form-urlencoded before they are joined
 * with ':' and base64-encoded, so a ':' inside either arrives as `%3A`. Null when the header is not Basic.
 */
export function decodeBasicCredentials(
  authorization: string | undefined,
): { clientId: string; clientSecret: string } | TokenEndpointRefusal | null {
  if (!authorization) return null;
  const match = /^Basic[ ]+([A-Za-z0-9+/]+={0,2})[ ]*$/i.exec(authorization);
  if (!/^Basic\b/i.test(authorization)) return null;
  if (!match) return { error: 'invalid_client', description: 'The Basic authorization header is malformed.' };
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return { error: 'invalid_client', description: 'The Basic authorization header is malformed.' };
  try {
    return { clientId: formDecode(decoded.slice(0, colon)), clientSecret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    return { error: 'invalid_client', description: 'The Basic authorization header is malformed.' };
  }
}

/** application/x-www-form-urlencoded: '+' is a space, then percent-decoding. */
function formDecode(value: string): string {
  return decodeURIComponent(value.replaceAll('+', ' '));
}

/**
 * The client's credentials from exactly one method: the Basic header, `client_id`/`client_secret` in
 * the body, or `client_id` alone for a public client (`none`, RFC 6749 §2.1: it has no secret to keep).
 * Both header and body secret at once is refused, as RFC 6749 §2.3 says a client must use only one.
 * Whether a client may be public is the auth service's call, not the edge's.
 */
export function clientCredentialsOf(
  authorization: string | undefined,
  body: Record<string, unknown>,
): ClientCredentials | TokenEndpointRefusal {
  const basic = decodeBasicCredentials(authorization);
  if (basic && 'error' in basic) return basic;
  const postedSecret = body['client_secret'];
  if (basic) {
    if (postedSecret !== undefined) {
      return { error: 'invalid_request', description: 'The client authenticated with more than one method.' };
    }
    const postedId = body['client_id'];
    if (postedId !== undefined && postedId !== basic.clientId) {
      return { error: 'invalid_request', description: 'The client_id parameter does not match the authenticated client.' };
    }
    return { ...basic, authMethod: 'client_secret_basic' };
  }
  const clientId = body['client_id'];
  if (typeof clientId === 'string' && clientId) {
    if (postedSecret === undefined) return { clientId, authMethod: 'none' };
    if (typeof postedSecret === 'string' && postedSecret) return { clientId, clientSecret: postedSecret, authMethod: 'client_secret_post' };
  }
  return {
    error: 'invalid_client',
    description: 'Client authentication failed: send client_secret_basic or client_secret_post credentials, or client_id alone for a public client.',
  };
}
