import { isKnownCurrency, Money } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';

/** `1500.00` INR → 150000 paise, exactly; more decimals than the currency has is a 422 on `amount`. */
export function minorAmount(amount: number, currency: string): number {
  if (!isKnownCurrency(currency)) throw new PayrailError('parameter_invalid', 'currency must be a valid ISO 4217 code', { param: 'currency' });
  try {
    return Number(Money.parseMajor(amount.toString(), currency).minor);
  } catch (error) {
    throw new PayrailError('parameter_invalid', `amount: ${(error as Error).message}`, { param: 'amount' });
  }
}
