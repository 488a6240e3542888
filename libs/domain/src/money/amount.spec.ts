import { checkAmount, MAX_AMOUNT_MINOR_ANY_CURRENCY } from './amount.js';

describe('checkAmount', () => {
  it('accepts whole minor amounts from 1 up to the currency maximum', () => {
    expect(checkAmount(1, 'usd')).toBeNull();
    expect(checkAmount(99_999_999, 'usd')).toBeNull();
    expect(checkAmount(999_999_990, 'kwd')).toBeNull();
  });

  it.each([['1e3'], [' 100'], ['0x10'], [10.5], [null], [{ value: 1 }]])('calls %p not an integer, quoting it', (amount) => {
    expect(checkAmount(amount, 'usd')).toEqual({ code: 'parameter_invalid', message: expect.stringMatching(/^Invalid integer: /) });
  });

  it('quotes a string so that whitespace shows, and shortens a long one', () => {
    expect(checkAmount(' 100', 'usd')?.message).toContain('Invalid integer: " 100".');
    expect(checkAmount('9'.repeat(500), 'usd')?.message.length).toBeLessThan(120);
  });

  it('calls zero and negatives too small, in Stripe\'s words', () => {
    expect(checkAmount(0, 'usd')).toEqual({ code: 'amount_too_small', message: 'This value must be greater than or equal to 1.' });
    expect(checkAmount(-5, 'usd')?.code).toBe('amount_too_small');
  });

  it('calls 2^53, 1e20 and one past the maximum too large, with the maximum in the currency', () => {
    for (const amount of [2 ** 53, 1e20, 100_000_000]) {
      expect(checkAmount(amount, 'usd')).toEqual({ code: 'amount_too_large', message: 'Amount must be no more than USD 999,999.99.' });
    }
    expect(checkAmount(100_000_000, 'jpy')?.message).toBe('Amount must be no more than JPY 99,999,999.');
    expect(checkAmount(999_999_991, 'kwd')?.message).toBe('Amount must be no more than KWD 999,999.990.');
  });

  it('without a known currency, holds amounts to the ceiling common to all currencies', () => {
    expect(MAX_AMOUNT_MINOR_ANY_CURRENCY).toBe(999_999_990n);
    expect(checkAmount(999_999_990)).toBeNull();
    expect(checkAmount(1e20, 'xyz')).toEqual({ code: 'amount_too_large', message: "Amount must be no more than 999999990 in the currency's smallest unit." });
  });
});
