import { isKnownCurrency, maxAmountMinor, normalizeCurrency } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';

/** Payments validated these already; a gateway call still refuses what it cannot send upstream. */
export function checkedAmount(amount: unknown, currency: unknown): { amount: number; currency: string } {
  if (typeof currency !== 'string' || !isKnownCurrency(currency)) {
    throw new PayrailError('parameter_invalid', `Invalid currency: ${String(currency)}.`, { param: 'currency' });
  }
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 1 || BigInt(amount) > maxAmountMinor(currency)) {
    throw new PayrailError('parameter_invalid', 'Amount must be a positive integer in the currency\'s smallest unit.', { param: 'amount' });
  }
  return { amount, currency: normalizeCurrency(currency) };
}

export function checkedId(value: unknown, param: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 255) {
    throw new PayrailError('parameter_invalid', `Invalid ${param}.`, { param });
  }
  return value;
}
