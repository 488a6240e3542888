import { isPaymentMethodType, PAYMENT_METHOD_TYPES } from './payment-method-types.js';

describe('payment method types', () => {
  it('knows card, upi and mpesa, and nothing that is not a type some connector takes', () => {
    expect(PAYMENT_METHOD_TYPES).toEqual(['card', 'upi', 'mpesa']);
    expect(isPaymentMethodType('card')).toBe(true);
    expect(isPaymentMethodType('upi')).toBe(true);
    expect(isPaymentMethodType('mpesa')).toBe(true);
    for (const other of ['MPESA', 'Card', 'UPI', 'bitcoin', '', 'constructor', 1, null]) expect(isPaymentMethodType(other)).toBe(false);
  });
});
