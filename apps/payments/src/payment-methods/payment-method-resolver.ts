import { Injectable } from '@nestjs/common';
import type { Caller } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { allowsPaymentMethodType } from '@payrail/domain';
import type { EntityManager } from 'typeorm';
import { assertPaysFor } from './payment-method-owner.js';
import { PaymentMethodsRepository } from './payment-methods.repository.js';
import { shownId } from './shown-id.js';
import { isStoredPaymentMethodId } from './test-tokens.js';

/**
 * `upi`: the customer names their UPI ID at the gateway (Razorpay Checkout), so there is nothing to store
 * beforehand; routing sends it to an account that takes UPI, and its connector starts a UPI payment.
 */
export const PAY_AT_GATEWAY_UPI = 'upi';
/** `card`: likewise a card the customer types on the gateway's own page; it reaches the connector as it is. */
export const PAY_AT_GATEWAY_CARD = 'card';

/** How a payment intent uses the payment method it names. */
@Injectable()
export class PaymentMethodResolver {
  constructor(private readonly paymentMethods: PaymentMethodsRepository) {}

  /**
   * Refuses a payment method the intent may not use: a stored `pm_…` that is not the caller's (another
   * merchant's or mode's: 404), one attached to a customer other than the intent's (400), or one of a
   * type the intent does not offer (400: an intent restricted to UPI is never paid by card). Test tokens
   * and raw test numbers are new cards on every use, so they belong to no one yet.
   */
  async assertUsable(caller: Caller, intent: UsingIntent, manager?: EntityManager): Promise<void> {
    if (intent.paymentMethod === null) return;
    if (intent.paymentMethod === PAY_AT_GATEWAY_UPI) return assertTypeAllowed(intent.paymentMethod, 'upi', intent.paymentMethodTypes);
    if (!isStoredPaymentMethodId(intent.paymentMethod)) return assertTypeAllowed(intent.paymentMethod, 'card', intent.paymentMethodTypes);
    const stored = await this.paymentMethods.findOwned(caller, intent.paymentMethod, manager);
    if (!stored) throw notFound(intent.paymentMethod);
    assertPaysFor(stored, intent.customer);
    assertTypeAllowed(stored.id, stored.type, intent.paymentMethodTypes);
  }

  /**
   * A stored PaymentMethod (`pm_…`) of the caller's becomes its connector token; anything else
   * (Stripe's test tokens such as `pm_card_visa`, raw test numbers) goes to the connector as it is.
   */
  async forConnector(caller: Caller, paymentMethod: string): Promise<string> {
    return (await this.connectorPaymentMethod(caller, paymentMethod)).token;
  }

  /** The connector token and the type routing matches gateways on (`mpesa` goes to an M-Pesa account). */
  async connectorPaymentMethod(caller: Caller, paymentMethod: string): Promise<{ token: string; type: string }> {
    if (paymentMethod === PAY_AT_GATEWAY_UPI) return { token: paymentMethod, type: 'upi' };
    if (!isStoredPaymentMethodId(paymentMethod)) return { token: paymentMethod, type: 'card' };
    const stored = await this.paymentMethods.findOwned(caller, paymentMethod);
    if (!stored) throw notFound(paymentMethod);
    return { token: stored.connectorToken, type: stored.type };
  }
}

/** What of an intent decides whether a payment method may pay it. */
export interface UsingIntent {
  paymentMethod: string | null;
  customer: string | null;
  paymentMethodTypes: readonly string[];
}

/** Stripe's refusal of a payment method the intent does not offer; a raw number is never echoed. */
function assertTypeAllowed(id: string, type: string, allowed: readonly string[]): void {
  if (allowsPaymentMethodType(allowed, type)) return;
  const shown = id.startsWith('pm_') ? `The provided PaymentMethod (${shownId(id)})` : id === PAY_AT_GATEWAY_UPI ? 'UPI' : 'The provided card';
  throw new PayrailError(
    'parameter_invalid',
    `${shown} is of type ${type}, which this PaymentIntent does not allow. Use a PaymentMethod of one of its payment_method_types: ${allowed.join(', ')}.`,
    { param: 'payment_method' },
  );
}

function notFound(id: string): PayrailError {
  return PayrailError.notFound('PaymentMethod', shownId(id), 'payment_method');
}
