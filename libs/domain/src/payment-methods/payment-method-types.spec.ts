import { allowsPaymentMethodType, isPaymentMethodType, PAYMENT_METHOD_TYPES, railOf } from './payment-method-types.js';

describe('payment method types', () => {
  it('knows card, upi, mpesa and the card wallets, and nothing that is not a type some connector takes', () => {
    expect(PAYMENT_METHOD_TYPES).toEqual(['card', 'upi', 'mpesa', 'apple_pay', 'google_pay']);
    for (const known of PAYMENT_METHOD_TYPES) expect(isPaymentMethodType(known)).toBe(true);
    for (const other of ['MPESA', 'Card', 'UPI', 'bitcoin', '', 'constructor', 1, null]) expect(isPaymentMethodType(other)).toBe(false);
  });

  it('routes a card wallet on the card rail, and lets a card pay an intent that allows a wallet', () => {
    expect(['card', 'apple_pay', 'google_pay', 'upi', 'mpesa'].map(railOf)).toEqual(['card', 'card', 'card', 'upi', 'mpesa']);
    expect(allowsPaymentMethodType(['apple_pay'], 'card')).toBe(true);
    expect(allowsPaymentMethodType(['card', 'apple_pay'], 'card')).toBe(true);
    expect(allowsPaymentMethodType(['upi'], 'card')).toBe(false);
    expect(allowsPaymentMethodType(['card'], 'mpesa')).toBe(false);
    expect(allowsPaymentMethodType(['mpesa'], 'mpesa')).toBe(true);
  });
});
