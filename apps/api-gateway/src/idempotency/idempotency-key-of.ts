import type { Request } from 'express';

/**
 * The request's `Idempotency-Key`, for a service that must find the work of a first attempt that died
 * (the IdempotencyInterceptor has checked it, and holds the key's lease, before any handler runs).
 */
export function idempotencyKeyOf(req: Request): string | undefined {
  return req.header('idempotency-key') || undefined;
}
