import { DEFAULT_CARD_PRICE, feeFor, priceFor, type PriceRow } from './pricing-plan.js';

describe('pricing plans', () => {
  it('charges 2.9 % + 30 minor units by default', () => {
    expect(feeFor(DEFAULT_CARD_PRICE, 10_000)).toBe(320);
    expect(feeFor(DEFAULT_CARD_PRICE, 2_000)).toBe(88);
    // 2.9 % of 1_050 is 30.45: rounded to 30, plus 30.
    expect(feeFor(DEFAULT_CARD_PRICE, 1_050)).toBe(60);
  });

  it('never takes more than the amount', () => {
    expect(feeFor(DEFAULT_CARD_PRICE, 20)).toBe(20);
    expect(feeFor({ percentBps: 0, fixedAmount: 0 }, 5_000)).toBe(0);
  });

  it('picks the most specific row of a merchant plan, method before currency', () => {
    const rows: PriceRow[] = [
      { method: '*', currency: '*', percentBps: 250, fixedAmount: 25 },
      { method: '*', currency: 'jpy', percentBps: 360, fixedAmount: 0 },
      { method: 'card', currency: '*', percentBps: 200, fixedAmount: 20 },
      { method: 'card', currency: 'eur', percentBps: 140, fixedAmount: 25 },
    ];
    expect(priceFor(rows, 'card', 'eur')).toMatchObject({ percentBps: 140, fixedAmount: 25 });
    expect(priceFor(rows, 'card', 'jpy')).toMatchObject({ percentBps: 200, fixedAmount: 20 });
    expect(priceFor(rows, 'mpesa', 'jpy')).toMatchObject({ percentBps: 360, fixedAmount: 0 });
    expect(priceFor(rows, 'mpesa', 'kes')).toMatchObject({ percentBps: 250, fixedAmount: 25 });
    expect(priceFor([], 'card', 'usd')).toEqual(DEFAULT_CARD_PRICE);
  });
});
