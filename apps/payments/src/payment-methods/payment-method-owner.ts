import { PayrailError } from '@payrail/errors';
import type { PaymentMethodEntity } from './payment-method.entity.js';

/**
 * Stripe's rule for saved cards: a PaymentMethod attached to a customer pays only for PaymentIntents of
 * that customer; an unattached one pays for any. The message never names the card's customer: the caller
 * may be client-side code (a publishable key) that has no business learning it.
 */
export function assertPaysFor(paymentMethod: Pick<PaymentMethodEntity, 'id' | 'customerId'>, intentCustomer: string | null): void {
  if (paymentMethod.customerId === null || paymentMethod.customerId === intentCustomer) return;
  const message = intentCustomer === null
    ? `The provided PaymentMethod (${paymentMethod.id}) belongs to a Customer. Pass that Customer in the \`customer\` parameter of the PaymentIntent to use it.`
    : `The provided PaymentMethod (${paymentMethod.id}) belongs to a different Customer than this PaymentIntent's. Use a PaymentMethod attached to the PaymentIntent's Customer.`;
  throw new PayrailError('parameter_invalid', message, { param: 'payment_method' });
}
