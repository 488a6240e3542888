import { convertSettledAmount } from './settled-fee-conversion.js';

describe("a gateway's fee in its settlement currency, in the transaction's currency at the gateway's rate", () => {
  it.each([
    // fee, settlement currency, transaction currency, rate (settlement per transaction major unit), expected
    [297, 'eur', 'usd', '0.92', 323], // 322.826… rounds up
    [92, 'eur', 'usd', '0.92', 100], // exact
    [46, 'eur', 'usd', '0.92', 50],
    [1, 'eur', 'usd', '2', 1], // 0.5 rounds half-up
    [3, 'eur', 'usd', '2', 2], // 1.5 rounds half-up
    [1, 'eur', 'usd', '4', 0], // 0.25 rounds down
    [450, 'jpy', 'usd', '149.7', 301], // yen (exponent 0) to cents: 300.60
    [670, 'usd', 'jpy', '0.0067', 1000], // cents to yen: exactly 1 000
    [100, 'usd', 'kwd', '3.25', 308], // cents to fils (exponent 3): 307.69
    [1000, 'kwd', 'usd', '0.307', 326], // fils to cents: 325.73
    [3_611, 'eur', 'usd', '1.234567', 2925], // six decimals: 2924.91
    [0, 'eur', 'usd', '0.92', 0],
  ])('%i %s at %s per %s unit… → %i', (fee, settlement, transaction, rate, expected) => {
    expect(convertSettledAmount(fee, settlement, transaction, rate)).toBe(expected);
  });

  it('reads the rate exactly: trailing zeros change nothing, and no float rounding creeps in', () => {
    expect(convertSettledAmount(297, 'eur', 'usd', '0.920000')).toBe(323);
    // 0.1 + 0.2 style error: 3 / 0.3 is 10 exactly, which a float division gives as 9.999…
    expect(convertSettledAmount(3, 'eur', 'usd', '0.3')).toBe(10);
    expect(convertSettledAmount(5, 'eur', 'usd', '0.1')).toBe(50);
  });

  it.each(['0', '0.000', '-0.92', '0,92', '.92', '1e-3', '0.92 ', '', 'NaN'])('refuses the rate %p', (rate) => {
    expect(convertSettledAmount(297, 'eur', 'usd', rate)).toBeUndefined();
  });

  it('refuses an unknown currency or an amount that is not whole minor units', () => {
    expect(convertSettledAmount(297, 'xxx', 'usd', '0.92')).toBeUndefined();
    expect(convertSettledAmount(297, 'eur', 'zzz', '0.92')).toBeUndefined();
    expect(convertSettledAmount(29.7, 'eur', 'usd', '0.92')).toBeUndefined();
    expect(convertSettledAmount(-297, 'eur', 'usd', '0.92')).toBeUndefined();
  });
});
