import { createHash } from 'node:crypto';
import type { Request } from 'express';
import type { AuthenticatedRequest } from '../authentication/current-caller.decorator.js';
import { extractApiKey } from '../authentication/api-key-extractor.js';
import { isSignedRequest } from '../request-signing/signed-request-headers.js';
import { bearerAccessToken } from '../oauth/bearer-access-token.js';

/**
 * Who an authenticated request's limits belong to, read from the credentials authentication accepted:
 * the signing key (`X-API-KEY` of a signed request), the OAuth client of an access token, or the API key
 * (by a hash: the key itself is a secret and never becomes a Redis key). Always within the merchant and
 * mode, so that one OAuth client used by many merchants (the dashboard) has a bucket per merchant.
 * Undefined: not authenticated (a public route).
 */
export function principalOf(req: Request & Partial<AuthenticatedRequest>): string | undefined {
  if (!req.caller) return undefined;
  const scope = `${req.caller.merchantId}:${req.caller.livemode ? 'live' : 'test'}`;
  if (isSignedRequest((name) => req.header(name))) return `${scope}:signing_key:${req.header('x-api-key')}`;
  const accessToken = bearerAccessToken(req);
  if (accessToken) return `${scope}:oauth_client:${clientIdOf(accessToken)}`;
  const apiKey = extractApiKey(req);
  if (apiKey) return `${scope}:api_key:${createHash('sha256').update(apiKey).digest('hex').slice(0, 32)}`;
  return `${scope}:merchant`;
}

/** The `client_id` claim of an access token the guard has already verified. */
export function clientIdOf(token: string): string {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { client_id?: unknown };
    return typeof claims.client_id === 'string' ? claims.client_id : 'unknown';
  } catch {
    return 'unknown';
  }
}
