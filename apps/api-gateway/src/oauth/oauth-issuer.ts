import type { Request } from 'express';
import { configuredPublicUrls, publicBaseUrl } from '../common/public-url.js';

/**
 * The authorization server's issuer identifier (RFC 8414 §2): PAYRAIL_OAUTH_ISSUER, else the edge's
 * public URL. Tokens are issued and checked under it, so a deployment behind a proxy should set one of
 * the two; without either it is the URL the request came in on, and a token only passes where it was
 * issued.
 */
export function oauthIssuer(req: Request): string {
  return (configuredPublicUrls(req).oauthIssuer || publicBaseUrl(req)).replace(/\/+$/, '');
}
