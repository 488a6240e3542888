import type { PricingPlanRowParams } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { checkPlanRows } from './pricing-plan-rows.js';

const row = (overrides: Partial<PricingPlanRowParams> = {}): PricingPlanRowParams => ({ method: 'card', currency: 'usd', percent_bps: 290, fixed_amount: 30, ...overrides });

function refusal(rows: PricingPlanRowParams[]): { code: string; param: string | undefined; message: string } {
  try {
    checkPlanRows(rows);
  } catch (error) {
    if (error instanceof PayrailError) return { code: error.code, param: error.options.param, message: error.message };
    throw error;
  }
  throw new Error('the rows were accepted');
}

describe('pricing plan rows', () => {
  it('accepts wildcards and normalises case, keeping the order given', () => {
    expect(checkPlanRows([row({ method: 'CARD', currency: 'EUR', percent_bps: 140, fixed_amount: 25 }), row({ method: '*', currency: '*', percent_bps: 0, fixed_amount: 0 })])).toEqual([
      { method: 'card', currency: 'eur', percentBps: 140, fixedAmount: 25 },
      { method: '*', currency: '*', percentBps: 0, fixedAmount: 0 },
    ]);
    expect(checkPlanRows([row({ percent_bps: 10_000 })])[0].percentBps).toBe(10_000);
    expect(checkPlanRows([])).toEqual([]);
  });

  it('refuses negative or over 100 % percentages and non-integer basis points, naming the row', () => {
    expect(refusal([row(), row({ percent_bps: -1 })])).toMatchObject({ code: 'parameter_invalid', param: 'rows[1][percent_bps]' });
    expect(refusal([row({ percent_bps: 10_001 })])).toMatchObject({ code: 'parameter_invalid', param: 'rows[0][percent_bps]' });
    expect(refusal([row({ percent_bps: 2.5 })]).param).toBe('rows[0][percent_bps]');
  });

  it('refuses a negative, fractional or oversized fixed amount', () => {
    expect(refusal([row({ fixed_amount: -30 })]).param).toBe('rows[0][fixed_amount]');
    expect(refusal([row({ fixed_amount: 30.5 })]).param).toBe('rows[0][fixed_amount]');
    expect(refusal([row({ currency: 'jpy', fixed_amount: 100_000_000 })]).param).toBe('rows[0][fixed_amount]');
    expect(checkPlanRows([row({ currency: 'jpy', fixed_amount: 99_999_999 })])[0].fixedAmount).toBe(99_999_999);
  });

  it('refuses an unknown currency or method', () => {
    expect(refusal([row({ currency: 'xxx' })])).toMatchObject({ param: 'rows[0][currency]', message: expect.stringContaining("'xxx'") });
    expect(refusal([row({ currency: 'usdollars' })]).param).toBe('rows[0][currency]');
    expect(refusal([row({ method: 'cheque' })])).toMatchObject({ param: 'rows[0][method]', message: expect.stringContaining('card, mpesa') });
  });

  it('refuses two rows for one method and currency, however they are spelt', () => {
    expect(refusal([row(), row({ method: '*' }), row({ currency: 'USD', percent_bps: 100 })])).toMatchObject({ param: 'rows[2]', message: expect.stringContaining("'card' in currency 'usd'") });
  });

  it('refuses more than 100 rows', () => {
    const many = Array.from({ length: 101 }, (_, index) => row({ currency: ['usd', 'eur', 'gbp', 'jpy', 'inr'][index % 5], method: index < 50 ? 'card' : 'mpesa' }));
    expect(refusal(many).param).toBe('rows');
  });
});
