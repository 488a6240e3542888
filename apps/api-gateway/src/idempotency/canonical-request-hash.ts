import { createHmac } from 'node:crypto';

export interface HashedRequest {
  method: string;
  /** The path without its query string. */
  path: string;
  query?: unknown;
  body?: unknown;
}

/**
 * What "the same parameters" means for an idempotency key: method, path and the parsed parameters,
 * whatever their encoding. Keys are sorted, and scalars compared as text, because Stripe's form
 * encoding (`amount=2000`, what the SDKs send) and JSON (`"amount": 2000`) carry the same request.
 * Keyed (HMAC), because the parameters may hold a card number: a plain hash of them could be
 * brute-forced from the table.
 */
export function canonicalRequestHash(hashKey: Buffer | string, request: HashedRequest): string {
  const canonical = canonicalJson({
    method: request.method.toUpperCase(),
    path: request.path,
    query: request.query ?? {},
    body: request.body ?? {},
  });
  return createHmac('sha256', hashKey).update(canonical).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(String(value));
}
