import type { Request, Response } from 'express';
import { clientCredentialsOf, type ClientCredentials, type TokenEndpointRefusal } from './client-credentials.js';

/** What a client-authenticated OAuth endpoint (token, revocation, introspection) was sent. */
export interface OAuthClientRequest {
  /** The form parameters, each given at most once. */
  params: Record<string, string | undefined>;
  credentials: ClientCredentials;
}

/** Client authentication parameters, which every such endpoint takes besides its own. */
const CLIENT_PARAMETERS = ['client_id', 'client_secret'];

/**
 * The rules every client-authenticated endpoint shares: a form-encoded body (RFC 6749 §3.2, RFC 7009
 * §2.1, RFC 7662 §2.1), each parameter at most once, the `required` ones present, and the client's
 * credentials from exactly one method.
 */
export function readOAuthClientRequest(
  req: Request,
  parameters: readonly string[],
  required: readonly string[] = [],
): OAuthClientRequest | TokenEndpointRefusal {
  if (!req.is('application/x-www-form-urlencoded')) {
    return { error: 'invalid_request', description: 'The request must be application/x-www-form-urlencoded.' };
  }
  const body: Record<string, unknown> = typeof req.body === 'object' && req.body !== null && !Buffer.isBuffer(req.body) ? req.body : {};
  const params: Record<string, string | undefined> = {};
  for (const name of [...parameters, ...CLIENT_PARAMETERS]) {
    const value = body[name];
    if (value !== undefined && typeof value !== 'string') {
      return { error: 'invalid_request', description: `The parameter ${name} must be given once, as a string.` };
    }
    params[name] = value;
  }
  const missing = required.find((name) => !params[name]);
  if (missing) return { error: 'invalid_request', description: `The ${missing} parameter is required.` };
  const credentials = clientCredentialsOf(req.header('authorization'), body);
  if ('error' in credentials) return credentials;
  return { params, credentials };
}

/** Tokens and what is said about them must not be cached anywhere on the way (RFC 6749 §5.1). */
export function noStore(res: Response): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Pragma', 'no-cache');
}

/**
 * RFC 6749 §5.2: 400, or 401 with a Basic challenge for a client that failed to authenticate; with
 * `Retry-After` when the client is throttled or locked out.
 */
export function refuse(res: Response, refusal: TokenEndpointRefusal): void {
  if (refusal.error === 'invalid_client') res.setHeader('WWW-Authenticate', 'Basic realm="payrail"');
  if (refusal.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(Math.max(1, Math.ceil(refusal.retryAfterSeconds))));
  res.status(refusal.error === 'invalid_client' ? 401 : 400).json({ error: refusal.error, error_description: refusal.description });
}
