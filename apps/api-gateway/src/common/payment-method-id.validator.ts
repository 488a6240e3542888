import { Matches } from 'class-validator';

/**
 * A PaymentMethod id (`pm_…`, including Stripe's test tokens such as `pm_card_visa`). Anything else is
 * refused at the edge: a raw card number sent here would otherwise be stored on the intent and its
 * events. The message never repeats the value.
 */
export const IsPaymentMethodId = (): PropertyDecorator =>
  Matches(/^pm_[A-Za-z0-9_]{1,100}$/, { message: '$property must be a PaymentMethod id (pm_…); create a PaymentMethod from card details first' });
