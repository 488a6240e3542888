import type { InitOverrideFunction } from './generated/index.js';

/**
 * Sends a POST under an Idempotency-Key of your choosing (the SDK otherwise makes one per call), keeping the
 * generated request's own headers: `payrail.paymentIntents.postPaymentIntents(params, withIdempotencyKey(orderId))`.
 * (A plain `{headers: …}` override would replace them, Content-Type included.)
 */
export function withIdempotencyKey(key: string): InitOverrideFunction {
  return async ({ init }) => ({ headers: { ...init.headers, 'Idempotency-Key': key } });
}
