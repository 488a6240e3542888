import type { Request } from 'express';
import { extractApiKey } from '../authentication/api-key-extractor.js';
import { bearerAccessToken } from '../oauth/bearer-access-token.js';
import { clientIdOf } from '../rate-limits/principal.js';
import { isSignedRequest } from '../request-signing/signed-request-headers.js';

/**
 * Which credential an authenticated request used, as a merchant can recognise it and nobody can use it:
 * `signing_key:hk_…`, `oauth_client:…`, or an API key as Stripe's dashboard shows one (`sk_test_…4f2a`).
 */
export function credentialOf(req: Request): string | null {
  if (isSignedRequest((name) => req.header(name))) return `signing_key:${req.header('x-api-key')}`;
  const accessToken = bearerAccessToken(req);
  if (accessToken) return `oauth_client:${clientIdOf(accessToken)}`;
  const apiKey = extractApiKey(req);
  const prefix = apiKey && /^(sk|pk|rk)_(test|live)_/.exec(apiKey)?.[0];
  return apiKey ? `${prefix ?? ''}…${apiKey.slice(-4)}` : null;
}
