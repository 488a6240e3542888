import type { Request } from 'express';

/**
 * Where customers reach the edge: PAYRAIL_PUBLIC_URL when the deployment sets it (behind a proxy or a
 * load balancer), otherwise the scheme and host this request came in on.
 */
export function publicBaseUrl(req: Request): string {
  const configured = process.env.PAYRAIL_PUBLIC_URL;
  return (configured || `${req.protocol}://${req.get('host') ?? 'localhost'}`).replace(/\/+$/, '');
}

/** Services hand out customer-facing links as paths unless they know the public URL; the edge completes them. */
export function absoluteUrl(url: string, req: Request): string;
export function absoluteUrl(url: string | null, req: Request): string | null;
export function absoluteUrl(url: string | null, req: Request): string | null {
  return url !== null && url.startsWith('/') ? `${publicBaseUrl(req)}${url}` : url;
}
