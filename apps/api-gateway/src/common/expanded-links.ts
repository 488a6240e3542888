import type { Request } from 'express';
import { absoluteUrl } from './public-url.js';

/**
 * Services hand out customer-facing links as paths (see public-url.ts); an expanded object carries them too
 * (a payment intent's `latest_charge.receipt_url`, a charge's `payment_intent.next_action`). This completes
 * them wherever they sit in the reply.
 */
export function withAbsoluteLinks<T>(value: T, req: Request): T {
  if (Array.isArray(value)) return value.map((item: unknown) => withAbsoluteLinks(item, req)) as T;
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) copy[key] = withAbsoluteLinks(field, req);
  if (copy.object === 'charge' && typeof copy.receipt_url === 'string') copy.receipt_url = absoluteUrl(copy.receipt_url, req);
  const redirect = (copy.next_action as { redirect_to_url?: { url?: unknown } } | null | undefined)?.redirect_to_url;
  if (copy.object === 'payment_intent' && typeof redirect?.url === 'string') redirect.url = absoluteUrl(redirect.url, req);
  return copy as T;
}
