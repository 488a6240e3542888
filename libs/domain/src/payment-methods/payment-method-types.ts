/**
 * The payment method types some connector of Payrail takes (cards everywhere, UPI through Razorpay): the
 * one list that an intent's `payment_method_types` is checked against at the edge. Whether the merchant
 * can route a type is gateway-connectors' answer, asked when the intent is created. A connector that
 * brings a new type (mobile money) adds it here, never before: a type no connector takes is a 400.
 */
export const PAYMENT_METHOD_TYPES = ['card', 'upi', 'mpesa'] as const;

export type PaymentMethodType = (typeof PAYMENT_METHOD_TYPES)[number];

/** How many distinct types one intent may offer: every type Payrail will ever have, with room to spare. */
export const MAX_PAYMENT_METHOD_TYPES = 10;

export function isPaymentMethodType(value: unknown): value is PaymentMethodType {
  return typeof value === 'string' && (PAYMENT_METHOD_TYPES as readonly string[]).includes(value);
}
