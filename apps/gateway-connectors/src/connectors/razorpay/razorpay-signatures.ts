import { constantTimeEqual, hmacSha256Hex } from '@payrail/signing';

/** What Razorpay Checkout hands the customer's browser after a successful payment on an order. */
export interface RazorpayCheckoutResult {
  razorpay_order_id: string;
  razorpay_payment_id: string;
  razorpay_signature: string;
}

/** Checkout's `razorpay_signature`: hex HMAC-SHA256 of `order_id|payment_id` keyed with the account's key secret. */
export function checkoutSignature(orderId: string, paymentId: string, keySecret: string): string {
  return hmacSha256Hex(keySecret, `${orderId}|${paymentId}`);
}

export function isValidCheckoutSignature(result: RazorpayCheckoutResult, keySecret: string): boolean {
  return constantTimeEqual(checkoutSignature(result.razorpay_order_id, result.razorpay_payment_id, keySecret), result.razorpay_signature);
}

/** A webhook's `X-Razorpay-Signature`: hex HMAC-SHA256 of the raw body, as received, keyed with the webhook secret. */
export function webhookSignature(rawBody: string | Buffer, webhookSecret: string): string {
  return hmacSha256Hex(webhookSecret, rawBody);
}

/** Verifies against the raw bytes: a body parsed and re-serialised would not hash the same. */
export function isValidWebhookSignature(rawBody: string | Buffer, signature: string | undefined, webhookSecret: string): boolean {
  if (!signature || !webhookSecret) return false;
  return constantTimeEqual(webhookSignature(rawBody, webhookSecret), signature);
}
