import { refusal } from '@payrail/testing';
import { assertPaysFor } from './payment-method-owner.js';

describe('whose saved card pays', () => {
  it('lets an unattached card pay for any intent, and an attached one for its own customer\'s', () => {
    expect(() => assertPaysFor({ id: 'pm_1', customerId: null }, null)).not.toThrow();
    expect(() => assertPaysFor({ id: 'pm_1', customerId: null }, 'cus_b')).not.toThrow();
    expect(() => assertPaysFor({ id: 'pm_1', customerId: 'cus_a' }, 'cus_a')).not.toThrow();
  });

  it('refuses a card attached to another customer, or to one when the intent names none, without naming its customer', () => {
    const forOther = refusal(() => assertPaysFor({ id: 'pm_1', customerId: 'cus_a' }, 'cus_b'));
    expect(forOther).toMatchObject({ code: 'parameter_invalid', param: 'payment_method', message: expect.stringContaining('belongs to a different Customer') });
    const forNobody = refusal(() => assertPaysFor({ id: 'pm_1', customerId: 'cus_a' }, null));
    expect(forNobody).toMatchObject({ code: 'parameter_invalid', param: 'payment_method', message: expect.stringContaining('`customer`') });
    for (const error of [forOther, forNobody]) expect(error.message).not.toContain('cus_a');
  });
});
