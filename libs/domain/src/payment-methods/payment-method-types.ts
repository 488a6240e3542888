/**
 * The payment method types Payrail can take today: the one list that an intent's `payment_method_types`
 * is checked against. A connector that brings a new type (a wallet, mobile money) adds it here.
 */
export const PAYMENT_METHOD_TYPES = ['card'] as const;

export type PaymentMethodType = (typeof PAYMENT_METHOD_TYPES)[number];

/** How many distinct types one intent may offer: every type Payrail will ever have, with room to spare. */
export const MAX_PAYMENT_METHOD_TYPES = 10;

export function isPaymentMethodType(value: unknown): value is PaymentMethodType {
  return typeof value === 'string' && (PAYMENT_METHOD_TYPES as readonly string[]).includes(value);
}
