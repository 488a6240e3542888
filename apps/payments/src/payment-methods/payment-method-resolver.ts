import { Injectable } from '@nestjs/common';
import type { Caller } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import type { EntityManager } from 'typeorm';
import { assertPaysFor } from './payment-method-owner.js';
import { PaymentMethodsRepository } from './payment-methods.repository.js';
import { shownId } from './shown-id.js';
import { isStoredPaymentMethodId } from './test-tokens.js';

/** How a payment intent uses the payment method it names. */
@Injectable()
export class PaymentMethodResolver {
  constructor(private readonly paymentMethods: PaymentMethodsRepository) {}

  /**
   * Refuses a payment method the intent may not use: a stored `pm_…` that is not the caller's (another
   * merchant's or mode's: 404), or one attached to a customer other than the intent's (400). Test tokens
   * and raw test numbers are new cards on every use, so they belong to no one yet.
   */
  async assertUsable(caller: Caller, intent: { paymentMethod: string | null; customer: string | null }, manager?: EntityManager): Promise<void> {
    if (intent.paymentMethod === null || !isStoredPaymentMethodId(intent.paymentMethod)) return;
    const stored = await this.paymentMethods.findOwned(caller, intent.paymentMethod, manager);
    if (!stored) throw notFound(intent.paymentMethod);
    assertPaysFor(stored, intent.customer);
  }

  /**
   * A stored PaymentMethod (`pm_…`) of the caller's becomes its connector token; anything else
   * (Stripe's test tokens such as `pm_card_visa`, raw test numbers) goes to the connector as it is.
   */
  async forConnector(caller: Caller, paymentMethod: string): Promise<string> {
    if (!isStoredPaymentMethodId(paymentMethod)) return paymentMethod;
    const stored = await this.paymentMethods.findOwned(caller, paymentMethod);
    if (!stored) throw notFound(paymentMethod);
    return stored.connectorToken;
  }
}

function notFound(id: string): PayrailError {
  return PayrailError.notFound('PaymentMethod', shownId(id), 'payment_method');
}
