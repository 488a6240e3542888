import fc from 'fast-check';
import {
  CANCELABLE_STATUSES,
  CONFIRMABLE_STATUSES,
  PAYMENT_INTENT_MOVES,
  PAYMENT_INTENT_STATUSES,
  canTransition,
  isCancelable,
  isTerminal,
  type PaymentIntentMove,
  type PaymentIntentStatus,
} from './payment-intent-status.js';

const MOVES = Object.keys(PAYMENT_INTENT_MOVES) as PaymentIntentMove[];

function targets(move: PaymentIntentMove): readonly PaymentIntentStatus[] {
  const { to } = PAYMENT_INTENT_MOVES[move];
  return typeof to === 'string' ? [to] : to;
}

/** Applies a move if the intent is in a status it starts from; the target picks among a move's outcomes. */
function step(current: PaymentIntentStatus, move: PaymentIntentMove, pick: number): PaymentIntentStatus {
  if (!(PAYMENT_INTENT_MOVES[move].from as readonly string[]).includes(current)) return current;
  const options = targets(move);
  return options[pick % options.length];
}

const walk = fc.array(fc.tuple(fc.constantFrom(...MOVES), fc.nat()), { maxLength: 40 });

describe('payment intent state machine', () => {
  it('ends only in succeeded or canceled', () => {
    expect(PAYMENT_INTENT_STATUSES.filter(isTerminal)).toEqual(['succeeded', 'canceled']);
  });

  it('lets a confirmation start only where Stripe allows', () => {
    for (const status of CONFIRMABLE_STATUSES) expect(canTransition(status, 'processing')).toBe(true);
    expect(canTransition('succeeded', 'processing')).toBe(false);
    expect(CONFIRMABLE_STATUSES).not.toContain('requires_capture');
  });

  it('allows every move the service makes, from every status the move starts from', () => {
    for (const move of MOVES) {
      for (const from of PAYMENT_INTENT_MOVES[move].from) {
        for (const to of targets(move)) expect([move, from, to, canTransition(from, to)]).toEqual([move, from, to, true]);
      }
    }
  });

  it('never leaves a terminal status and never moves to the status it is in (property)', () => {
    const status = fc.constantFrom(...PAYMENT_INTENT_STATUSES);
    fc.assert(
      fc.property(fc.array(status, { maxLength: 30 }), (statuses) => {
        let current: PaymentIntentStatus = 'requires_payment_method';
        for (const next of statuses) {
          if (next === current) expect(canTransition(current, next)).toBe(false);
          if (!canTransition(current, next)) continue;
          expect(isTerminal(current)).toBe(false);
          current = next;
        }
      }),
    );
  });

  it('walks of service moves stay on legal edges, and money is only taken through processing (property)', () => {
    fc.assert(
      fc.property(walk, (moves) => {
        let current: PaymentIntentStatus = 'requires_payment_method';
        for (const [move, pick] of moves) {
          const next = step(current, move, pick);
          if (next !== current) {
            expect(canTransition(current, next)).toBe(true);
            if (next === 'succeeded' || next === 'requires_capture') expect(current).toBe('processing');
          }
          if (isTerminal(current)) expect(next).toBe(current);
          current = next;
        }
      }),
    );
  });

  it('can reach canceled from exactly the statuses Stripe cancels from (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PAYMENT_INTENT_STATUSES), (status) => {
        const direct = step(status, 'cancel', 0) === 'canceled';
        const byVoid = step(step(status, 'beginVoid', 0), 'finishVoid', 0) === 'canceled' && status !== 'processing';
        expect((direct || byVoid) && status !== 'canceled').toBe(isCancelable(status));
        expect(isCancelable(status)).toBe((CANCELABLE_STATUSES as readonly string[]).includes(status));
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
    expect(reachableWithoutProcessing.has('requires_capture')).toBe(false);
  });
});
