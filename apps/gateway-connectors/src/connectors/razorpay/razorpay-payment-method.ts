import { PayrailError } from '@payrail/errors';
import type { RazorpayCheckoutResult } from './razorpay-signatures.js';

export const RAZORPAY_METHOD_TYPES = ['card', 'upi'] as const;
export type RazorpayMethodType = (typeof RAZORPAY_METHOD_TYPES)[number];

/**
 * What `paymentMethod` carries for Razorpay, where the customer pays at Checkout rather than through the API:
 * - `card` or `upi`: start a payment; the answer is `requires_action` with what Checkout needs. A card
 *   PaymentMethod id (`pm_…`) starts a card payment too: Razorpay takes no card data through its API.
 * - Checkout's own answer, form-encoded as its `callback_url` POST sends it:
 *   `razorpay_payment_id=pay_…&razorpay_order_id=order_…&razorpay_signature=…`: a payment already made,
 *   accepted once its signature is verified.
 */
export type RazorpayPaymentMethod = { kind: 'start'; type: RazorpayMethodType } | { kind: 'checkout'; result: RazorpayCheckoutResult };

export function parseRazorpayPaymentMethod(value: string): RazorpayPaymentMethod {
  if ((RAZORPAY_METHOD_TYPES as readonly string[]).includes(value)) return { kind: 'start', type: value as RazorpayMethodType };
  // A card PaymentMethod (or Stripe-style test token) routed here: the customer types the card into Checkout.
  if (/^pm_\w+$/.test(value)) return { kind: 'start', type: 'card' };
  if (value.includes('razorpay_payment_id=')) {
    const fields = new URLSearchParams(value);
    const result = {
      razorpay_order_id: fields.get('razorpay_order_id') ?? '',
      razorpay_payment_id: fields.get('razorpay_payment_id') ?? '',
      razorpay_signature: fields.get('razorpay_signature') ?? '',
    };
    if (/^order_\w+$/.test(result.razorpay_order_id) && /^pay_\w+$/.test(result.razorpay_payment_id) && /^[0-9a-f]{64}$/.test(result.razorpay_signature)) {
      return { kind: 'checkout', result };
    }
    throw new PayrailError('parameter_invalid', 'A Razorpay Checkout result needs razorpay_order_id, razorpay_payment_id and a hex razorpay_signature.', { param: 'payment_method' });
  }
  // Never echo the value: it could be a card number sent to the wrong gateway.
  throw new PayrailError('parameter_invalid', 'Razorpay takes `card` or `upi` (paid at Razorpay Checkout), or a Razorpay Checkout result.', { param: 'payment_method' });
}
