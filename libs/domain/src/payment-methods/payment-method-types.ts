/**
 * The payment method types some connector of Payrail takes (cards everywhere, UPI through Razorpay): the
 * one list that an intent's `payment_method_types` is checked against at the edge. Whether the merchant
 * can route a type is gateway-connectors' answer, asked when the intent is created. A connector that
 * brings a new type (mobile money) adds it here, never before: a type no connector takes is a 400.
 */
export const PAYMENT_METHOD_TYPES = ['card', 'upi', 'mpesa', 'apple_pay', 'google_pay'] as const;

/**
 * Card wallets, as the Payment Service document lists them beside `card`: the wallet hands the gateway a
 * card (a network token), so whatever takes cards takes them, and a card payment method pays an intent
 * that allows one. Payrail does not decrypt wallet tokens itself; the wallet's SDK turns them into a card.
 */
export const CARD_WALLET_TYPES: readonly string[] = ['apple_pay', 'google_pay'];

/** The rail a type travels on at the gateway: a wallet's is the card's. */
export function railOf(type: string): string {
  return CARD_WALLET_TYPES.includes(type) ? 'card' : type;
}

/** Whether an intent that allows `allowed` may be paid by a payment method of `type`. */
export function allowsPaymentMethodType(allowed: readonly string[], type: string): boolean {
  return allowed.includes(type) || allowed.some((entry) => railOf(entry) === type);
}

export type PaymentMethodType = (typeof PAYMENT_METHOD_TYPES)[number];

/** How many distinct types one intent may offer: every type Payrail will ever have, with room to spare. */
export const MAX_PAYMENT_METHOD_TYPES = 10;

export function isPaymentMethodType(value: unknown): value is PaymentMethodType {
  return typeof value === 'string' && (PAYMENT_METHOD_TYPES as readonly string[]).includes(value);
}
