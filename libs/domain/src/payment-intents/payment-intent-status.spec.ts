import fc from 'fast-check';
import { CONFIRMABLE_STATUSES, PAYMENT_INTENT_STATUSES, canTransition, isTerminal, type PaymentIntentStatus } from './payment-intent-status.js';

describe('payment intent state machine', () => {
  it('ends only in succeeded or canceled', () => {
    expect(PAYMENT_INTENT_STATUSES.filter(isTerminal)).toEqual(['succeeded', 'canceled']);
  });

  it('lets a confirmation start only where Stripe allows', () => {
    for (const status of CONFIRMABLE_STATUSES) expect(canTransition(status, 'processing')).toBe(true);
    expect(canTransition('succeeded', 'processing')).toBe(false);
    expect(canTransition('requires_capture', 'processing')).toBe(false);
  });

  it('never leaves a terminal status and never moves to the status it is in (property)', () => {
    const status = fc.constantFrom(...PAYMENT_INTENT_STATUSES);
    fc.assert(
      fc.property(fc.array(status, { maxLength: 30 }), (walk) => {
        let current: PaymentIntentStatus = 'requires_payment_method';
        for (const next of walk) {
          if (next === current) expect(canTransition(current, next)).toBe(false);
          if (!canTransition(current, next)) continue;
          expect(isTerminal(current)).toBe(false);
          current = next;
        }
      }),
    );
  });

  it('reaches succeeded from creation only through processing', () => {
    const reachableWithoutProcessing = new Set<PaymentIntentStatus>(['requires_payment_method']);
    for (let changed = true; changed; ) {
      changed = false;
      for (const from of reachableWithoutProcessing) {
        for (const to of PAYMENT_INTENT_STATUSES) {
          if (to !== 'processing' && canTransition(from, to) && !reachableWithoutProcessing.has(to)) {
            reachableWithoutProcessing.add(to);
            changed = true;
          }
        }
      }
    }
    expect(reachableWithoutProcessing.has('succeeded')).toBe(false);
  });
});
