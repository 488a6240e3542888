import { Injectable } from '@nestjs/common';
import type { Caller } from '@payrail/contracts';
import { hasPrefix } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import { PaymentMethodsRepository } from './payment-methods.repository.js';
import { shownId } from './shown-id.js';

/** What a payment intent's confirmation sends the connector for the payment method it names. */
@Injectable()
export class PaymentMethodResolver {
  constructor(private readonly paymentMethods: PaymentMethodsRepository) {}

  /**
   * A stored PaymentMethod (`pm_…`) of the caller's becomes its connector token; anything else
   * (Stripe's test tokens such as `pm_card_visa`, raw test numbers) goes to the connector as it is.
   */
  async forConnector(caller: Caller, paymentMethod: string): Promise<string> {
    if (!hasPrefix(paymentMethod, 'pm')) return paymentMethod;
    const stored = await this.paymentMethods.findOwned(caller, paymentMethod);
    if (!stored) throw PayrailError.notFound('PaymentMethod', shownId(paymentMethod), 'payment_method');
    return stored.connectorToken;
  }
}
