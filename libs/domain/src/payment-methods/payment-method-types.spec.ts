import { isPaymentMethodType, PAYMENT_METHOD_TYPES } from './payment-method-types.js';

describe('payment method types', () => {
  it('knows card, and nothing that is not a type Payrail takes', () => {
    expect(PAYMENT_METHOD_TYPES).toContain('card');
    expect(isPaymentMethodType('card')).toBe(true);
    for (const other of ['Card', 'bitcoin', '', 'constructor', 1, null]) expect(isPaymentMethodType(other)).toBe(false);
  });
});
