import { isKnownCurrency, maxAmountMinor, normalizeCurrency } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';

/**
 * The payload class checked the types; a gateway call still refuses money it cannot send upstream: an
 * unknown currency, or more than the currency's limit.
 */
export function checkedAmount(amount: number, currency: string): { amount: number; currency: string } {
  if (!isKnownCurrency(currency)) {
    throw new PayrailError('parameter_invalid', `Invalid currency: ${currency}.`, { param: 'currency' });
  }
  if (!Number.isSafeInteger(amount) || amount < 1 || BigInt(amount) > maxAmountMinor(currency)) {
    throw new PayrailError('parameter_invalid', 'Amount must be a positive integer in the currency\'s smallest unit.', { param: 'amount' });
  }
  return { amount, currency: normalizeCurrency(currency) };
}
