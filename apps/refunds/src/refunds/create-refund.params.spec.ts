import { checkCreateRefund } from './create-refund.params.js';
import { refusal } from '@payrail/testing';

describe('create refund parameters', () => {
  it('takes exactly one of payment_intent and charge', () => {
    expect(checkCreateRefund({ payment_intent: 'pi_1' }).target).toEqual({ payment_intent: 'pi_1' });
    expect(checkCreateRefund({ charge: 'ch_1' }).target).toEqual({ charge: 'ch_1' });
    expect(refusal(() => checkCreateRefund({})).code).toBe('parameter_missing');
    expect(refusal(() => checkCreateRefund({ payment_intent: 'pi_1', charge: 'ch_1' })).code).toBe('parameter_invalid');
  });

  it('refuses an amount that is not a positive integer', () => {
    for (const amount of [0, -5, 1.5, Number.NaN, 2 ** 60]) {
      const error = refusal(() => checkCreateRefund({ charge: 'ch_1', amount }));
      expect([error.code, error.param]).toEqual(['parameter_invalid', 'amount']);
    }
  });

  it('refuses bad metadata', () => {
    expect(refusal(() => checkCreateRefund({ charge: 'ch_1', metadata: { ['k'.repeat(41)]: 'v' } })).code).toBe('parameter_invalid');
  });

  it('defaults reason and metadata', () => {
    expect(checkCreateRefund({ charge: 'ch_1' })).toEqual({ target: { charge: 'ch_1' }, amount: undefined, reason: null, metadata: {} });
  });
});
