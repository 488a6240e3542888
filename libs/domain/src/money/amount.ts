import { isKnownCurrency, knownCurrencies, maxAmountMinor } from './currencies.js';
import { Money } from './money.js';

/** What is wrong with an amount, named with the error code a caller sees. */
export interface AmountViolation {
  code: 'parameter_invalid' | 'amount_too_small' | 'amount_too_large';
  message: string;
}

/** The largest of the per-currency maximums: what no amount may exceed whatever its currency. */
export const MAX_AMOUNT_MINOR_ANY_CURRENCY: bigint = knownCurrencies().reduce((max, code) => {
  const candidate = maxAmountMinor(code);
  return candidate > max ? candidate : max;
}, 0n);

/**
 * Checks a charged amount in minor units, in Stripe's words. Without a (known) currency only the
 * ceiling common to all currencies applies; the owner of the currency checks its own maximum.
 * Too large is told apart from "not an integer" even beyond 2^53, where a number is still an integer.
 */
export function checkAmount(amount: unknown, currency?: string): AmountViolation | null {
  if (typeof amount !== 'number' || !Number.isInteger(amount)) {
    return { code: 'parameter_invalid', message: `Invalid integer: ${shown(amount)}. Amounts are whole numbers in the currency's smallest unit.` };
  }
  if (amount < 1) return { code: 'amount_too_small', message: 'This value must be greater than or equal to 1.' };
  if (currency !== undefined && isKnownCurrency(currency)) {
    const max = maxAmountMinor(currency);
    if (BigInt(amount) > max) return { code: 'amount_too_large', message: `Amount must be no more than ${Money.format(max, currency)}.` };
  } else if (BigInt(amount) > MAX_AMOUNT_MINOR_ANY_CURRENCY) {
    return { code: 'amount_too_large', message: `Amount must be no more than ${MAX_AMOUNT_MINOR_ANY_CURRENCY} in the currency's smallest unit.` };
  }
  return null;
}

const SHOWN_LENGTH = 40;

function shown(value: unknown): string {
  const text = typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
  return text.length > SHOWN_LENGTH ? `${text.slice(0, SHOWN_LENGTH)}…` : text;
}
