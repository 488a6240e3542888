/** The object types an expansion can load, and `null` for a field Payrail keeps empty (expanding it leaves null). */
export type ExpandableType = 'payment_intent' | 'charge' | 'customer' | 'payment_method' | 'balance_transaction';

/**
 * Stripe's expandable fields per object; a key may itself hold a dot (`invoice_settings.default_payment_method`).
 * Payments expands by it; the API reference documents each field as an id or the object it names.
 */
export const EXPANDABLE_FIELDS: Record<ExpandableType, Record<string, ExpandableType | null>> = {
  payment_intent: { customer: 'customer', payment_method: 'payment_method', latest_charge: 'charge' },
  charge: { customer: 'customer', payment_intent: 'payment_intent', balance_transaction: 'balance_transaction' },
  payment_method: { customer: 'customer' },
  balance_transaction: {},
  customer: { 'invoice_settings.default_payment_method': 'payment_method', default_source: null, test_clock: null },
};
