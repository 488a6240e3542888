import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Request } from 'express';

/** The edge's configured addresses (PAYRAIL_PUBLIC_URL, PAYRAIL_OAUTH_ISSUER); unset, requests decide. */
export interface EdgePublicUrls {
  publicUrl?: string;
  oauthIssuer?: string;
}

const PUBLIC_URLS = 'payrailPublicUrls';

/** Set once when the edge app is created, so that every request handler sees the validated settings. */
export function usePublicUrls(app: INestApplication, urls: EdgePublicUrls): void {
  (app as NestExpressApplication).getHttpAdapter().getInstance().locals[PUBLIC_URLS] = urls;
}

export function configuredPublicUrls(req: Request): EdgePublicUrls {
  return (req.app?.locals?.[PUBLIC_URLS] as EdgePublicUrls | undefined) ?? {};
}

/**
 * Where customers reach the edge: PAYRAIL_PUBLIC_URL when the deployment sets it (behind a proxy or a
 * load balancer), otherwise the scheme and host this request came in on.
 */
export function publicBaseUrl(req: Request): string {
  const configured = configuredPublicUrls(req).publicUrl;
  return (configured || `${req.protocol}://${req.get('host') ?? 'localhost'}`).replace(/\/+$/, '');
}

/** Services hand out customer-facing links as paths unless they know the public URL; the edge completes them. */
export function absoluteUrl(url: string, req: Request): string;
export function absoluteUrl(url: string | null, req: Request): string | null;
export function absoluteUrl(url: string | null, req: Request): string | null {
  return url !== null && url.startsWith('/') ? `${publicBaseUrl(req)}${url}` : url;
}
