import { PayrailError } from '@payrail/errors';
import { looksLikeCardNumber, normalizeCardNumber } from '../sandbox/card-number.js';
import { testCardByNumber } from '../sandbox/test-cards.js';

/**
 * What Stripe is given as `payment_method`: tokens and PaymentMethod ids as they are; in test mode a raw
 * Stripe test card number becomes its test token (`4242…` → `pm_card_visa`). Raw numbers never go to
 * Stripe: live mode refuses them, and in test mode only Stripe's test numbers have a token.
 */
export function stripePaymentMethodOf(paymentMethod: string, livemode: boolean): string {
  if (!looksLikeCardNumber(paymentMethod)) return paymentMethod;
  if (livemode) {
    throw new PayrailError('parameter_invalid', 'Raw card numbers are accepted in test mode only; use a payment method token.', {
      param: 'payment_method',
    });
  }
  const card = testCardByNumber(normalizeCardNumber(paymentMethod));
  if (!card) {
    throw new PayrailError('parameter_invalid', "Only Stripe's test card numbers can be given as they are in test mode; use a payment method token.", {
      param: 'payment_method',
    });
  }
  return card.token;
}
