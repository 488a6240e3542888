import { isPaymentMethodType, PAYMENT_METHOD_TYPES } from './payment-method-types.js';

describe('payment method types', () => {
  it('knows card and upi, and nothing that is not a type some connector takes', () => {
    expect(PAYMENT_METHOD_TYPES).toEqual(['card', 'upi']);
    expect(isPaymentMethodType('card')).toBe(true);
    expect(isPaymentMethodType('upi')).toBe(true);
    // M-Pesa has no connector yet: offering it would make intents nobody can pay.
    for (const other of ['mpesa', 'Card', 'UPI', 'bitcoin', '', 'constructor', 1, null]) expect(isPaymentMethodType(other)).toBe(false);
  });
});
