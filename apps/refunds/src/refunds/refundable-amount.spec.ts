import fc from 'fast-check';
import { Money } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import { refundAmountFor, remainingRefundable, type RefundableCharge } from './refundable-amount.js';
import { refusal } from '@payrail/testing';

const charge = (amountReserved: number, amountCaptured = 1000, currency = 'usd'): RefundableCharge => ({
  chargeId: 'ch_1',
  currency,
  amountCaptured,
  amountReserved,
});

describe('refundable amount', () => {
  it('is what was captured less what is refunded or being refunded', () => {
    expect(remainingRefundable({ amountCaptured: 1000, amountReserved: 0 })).toBe(1000);
    expect(remainingRefundable({ amountCaptured: 1000, amountReserved: 300 })).toBe(700);
    expect(remainingRefundable({ amountCaptured: 1000, amountReserved: 1000 })).toBe(0);
  });

  it('defaults to everything that is left', () => {
    expect(refundAmountFor(charge(0), undefined)).toBe(1000);
    expect(refundAmountFor(charge(250), undefined)).toBe(750);
  });

  it('takes a partial amount, up to and including what is left', () => {
    expect(refundAmountFor(charge(0), 1)).toBe(1);
    expect(refundAmountFor(charge(400), 600)).toBe(600);
  });

  it('refuses more than is left, in the charge currency', () => {
    const error = refusal(() => refundAmountFor(charge(400), 601));
    expect(error.code).toBe('amount_too_large');
    expect(error.param).toBe('amount');
    expect(error.message).toBe(
      `Refund amount (${Money.format(601, 'usd')}) is greater than unrefunded amount on charge (${Money.format(600, 'usd')})`,
    );
  });

  it('formats zero-decimal currencies by their exponent', () => {
    const error = refusal(() => refundAmountFor(charge(0, 500, 'jpy'), 501));
    expect(error.message).toContain(Money.format(501, 'jpy'));
    expect(error.message).toContain(Money.format(500, 'jpy'));
  });

  it('refuses any refund of a fully refunded charge', () => {
    for (const requested of [undefined, 1]) {
      const error = refusal(() => refundAmountFor(charge(1000), requested));
      expect(error.code).toBe('charge_already_refunded');
    }
  });

  it('never lets a sequence of refunds exceed what was captured', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.array(fc.option(fc.integer({ min: 1, max: 10_000_000 }), { nil: undefined })), (captured, requests) => {
        let reserved = 0;
        for (const requested of requests) {
          try {
            const amount = refundAmountFor(charge(reserved, captured), requested);
            expect(amount).toBeGreaterThan(0);
            reserved += amount;
          } catch (error) {
            expect(['amount_too_large', 'charge_already_refunded']).toContain((error as PayrailError).code);
          }
          expect(reserved).toBeLessThanOrEqual(captured);
        }
      }),
    );
  });
});
