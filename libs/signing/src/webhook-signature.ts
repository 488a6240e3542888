import { constantTimeEqual, hmacSha256Hex } from './hmac.js';

/** Default window, as Stripe's SDKs use: a delivery older than this is refused as a replay. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/**
 * The `Payments-Signature` header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.payload">`. The scheme is
 * Stripe's, so `stripe.webhooks.constructEvent` verifies our deliveries as they are.
 */
export function signWebhookPayload(secret: string, payload: string, timestampSeconds: number): string {
  return `t=${timestampSeconds},v1=${hmacSha256Hex(secret, `${timestampSeconds}.${payload}`)}`;
}

export function verifyWebhookSignature(
  secret: string,
  payload: string,
  header: string,
  nowSeconds: number = Math.floor(Date.now() / 1000),
  toleranceSeconds: number = WEBHOOK_TOLERANCE_SECONDS,
): boolean {
  const parts = header.split(',').map((part) => part.split('=', 2) as [string, string | undefined]);
  const timestamp = Number(parts.find(([name]) => name === 't')?.[1]);
  if (!Number.isSafeInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = hmacSha256Hex(secret, `${timestamp}.${payload}`);
  return parts.some(([name, value]) => name === 'v1' && value !== undefined && constantTimeEqual(value, expected));
}
