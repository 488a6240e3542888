import type { Request } from 'express';

/**
 * The API key as Stripe's clients send it: `Authorization: Bearer sk_…`, HTTP Basic with the key as
 * username (`curl -u sk_test_…:`), or an `X-API-Key` header.
 */
export function extractApiKey(req: Request): string | undefined {
  const authorization = req.header('authorization');
  if (authorization) {
    const [scheme, value] = authorization.split(' ', 2);
    if (scheme?.toLowerCase() === 'bearer' && value) return value.trim();
    if (scheme?.toLowerCase() === 'basic' && value) {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const username = decoded.split(':', 1)[0];
      return username || undefined;
    }
  }
  return req.header('x-api-key')?.trim() || undefined;
}
