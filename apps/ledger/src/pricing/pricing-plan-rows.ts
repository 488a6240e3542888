import { PRICING_METHODS, type PricingPlanRowParams } from '@payrail/contracts';
import { isKnownCurrency, MAX_AMOUNT_MINOR_ANY_CURRENCY, maxAmountMinor, normalizeCurrency } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import type { PriceRow } from './pricing-plan.js';

export const MAX_PLAN_ROWS = 100;
/** 100 %: a fee is never more than the charge (see `feeFor`), and a percentage above it means nothing. */
export const MAX_PERCENT_BPS = 10_000;

/**
 * A plan as the operator sent it, checked whole before anything is stored: every row names a known method
 * and currency (or `*`), a percentage of 0 to 100 % in whole basis points and a fixed amount in whole minor
 * units no larger than a payment may be, and no two rows price the same method and currency. The first
 * problem is refused with the row's parameter name (`rows[1][percent_bps]`).
 */
export function checkPlanRows(rows: readonly PricingPlanRowParams[]): PriceRow[] {
  if (rows.length > MAX_PLAN_ROWS) throw invalid('rows', `A pricing plan has at most ${MAX_PLAN_ROWS} rows.`);
  const seen = new Set<string>();
  return rows.map((row, index) => {
    const param = (field: string) => `rows[${index}][${field}]`;
    const method = typeof row.method === 'string' ? row.method.trim().toLowerCase() : '';
    if (!(PRICING_METHODS as readonly string[]).includes(method)) {
      throw invalid(param('method'), `Unknown payment method '${shorten(row.method)}'. A row's method is one of: ${PRICING_METHODS.join(', ')}.`);
    }
    const currency = typeof row.currency === 'string' ? normalizeCurrency(row.currency) : '';
    if (currency !== '*' && !isKnownCurrency(currency)) {
      throw invalid(param('currency'), `Unknown currency '${shorten(row.currency)}'. A row's currency is a three-letter ISO 4217 code or *.`);
    }
    if (!Number.isInteger(row.percent_bps) || row.percent_bps < 0 || row.percent_bps > MAX_PERCENT_BPS) {
      throw invalid(param('percent_bps'), `percent_bps is a whole number of basis points from 0 to ${MAX_PERCENT_BPS} (100 %).`);
    }
    const maxFixed = currency === '*' ? MAX_AMOUNT_MINOR_ANY_CURRENCY : maxAmountMinor(currency);
    if (!Number.isSafeInteger(row.fixed_amount) || row.fixed_amount < 0 || BigInt(row.fixed_amount) > maxFixed) {
      throw invalid(param('fixed_amount'), `fixed_amount is a whole number of the currency's minor units from 0 to ${maxFixed}.`);
    }
    const key = `${method} ${currency}`;
    if (seen.has(key)) throw invalid(`rows[${index}]`, `Two rows price method '${method}' in currency '${currency}': give each pair once.`);
    seen.add(key);
    return { method, currency, percentBps: row.percent_bps, fixedAmount: row.fixed_amount };
  });
}

function invalid(param: string, message: string): PayrailError {
  return new PayrailError('parameter_invalid', message, { param });
}

/** Enough of a bad value to recognise it, not a way to echo whatever was sent. */
function shorten(value: unknown): string {
  return String(value).slice(0, 32);
}
