import { currencyExponent, isKnownCurrency } from '@payrail/domain';

/** A rate as a gateway states it: a positive decimal, digits only (`'0.92'`, `'149.7'`), never a float. */
const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** A decimal string as an exact fraction `numerator / 10^scale`; undefined when it is not a positive decimal. */
function parseRate(rate: string): { numerator: bigint; scale: number } | undefined {
  const match = DECIMAL.exec(rate);
  if (!match) return undefined;
  const fraction = match[2] ?? '';
  const numerator = BigInt(`${match[1]}${fraction}`);
  return numerator > 0n ? { numerator, scale: fraction.length } : undefined;
}

/**
 * An amount the gateway took in its settlement currency, in minor units of the transaction's currency at the
 * gateway's rate (one major unit of `transactionCurrency` is worth `rate` major units of `settlementCurrency`,
 * Stripe's `exchange_rate`): amount × 10^(transaction exponent − settlement exponent) ÷ rate, computed exactly
 * and rounded half-up to a whole minor unit. So 297 EUR cents at 0.92 EUR per dollar are 323 US cents (322.83),
 * and 450 yen at 149.7 yen per dollar are 301 US cents (300.60). Undefined for a rate that is not a positive decimal, an unknown
 * currency, or an amount that is not a non-negative safe integer.
 */
export function convertSettledAmount(amount: number, settlementCurrency: string, transactionCurrency: string, rate: string): number | undefined {
  const parsed = parseRate(rate);
  if (!parsed || !Number.isSafeInteger(amount) || amount < 0 || !isKnownCurrency(settlementCurrency) || !isKnownCurrency(transactionCurrency)) return undefined;
  const shift = currencyExponent(transactionCurrency) - currencyExponent(settlementCurrency) + parsed.scale;
  const numerator = BigInt(amount) * 10n ** BigInt(Math.max(0, shift));
  const denominator = parsed.numerator * 10n ** BigInt(Math.max(0, -shift));
  const converted = (2n * numerator + denominator) / (2n * denominator);
  return converted <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(converted) : undefined;
}
