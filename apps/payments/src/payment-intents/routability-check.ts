import { Injectable } from '@nestjs/common';
import { Patterns, type Caller, type CheckRoutingResult } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { MessageClient } from '@payrail/messaging';

/** The parameter a caller is told to change when what it asked for cannot be routed. */
export type RoutedParam = 'payment_method_types' | 'currency';

export interface RoutedPayment {
  paymentMethodTypes: readonly string[];
  currency: string;
}

/**
 * An intent offers only what the merchant can take: each of its payment method types must be routable
 * in its currency through an enabled gateway account of the caller's (or, in test mode, the built-in
 * sandbox), so that no customer is shown a way to pay that no gateway will take. One question to
 * gateway-connectors, which owns the accounts and what each gateway can take.
 */
@Injectable()
export class RoutabilityCheck {
  constructor(private readonly client: MessageClient) {}

  async assertRoutable(caller: Caller, payment: RoutedPayment, param: RoutedParam): Promise<void> {
    const answer = await this.client.send(Patterns.RoutingCheck, {
      caller,
      params: { paymentMethodTypes: [...payment.paymentMethodTypes], currency: payment.currency },
    });
    const refusal = routingRefusal(answer, payment, param);
    if (refusal) throw refusal;
  }

  /**
   * The types a customer would pay on a gateway's own checkout page (Razorpay Checkout), as routing would
   * send this payment now; a hosted page sends the customer there rather than take their card itself.
   */
  async paidAtGateway(caller: Caller, payment: RoutedPayment & { amount: number; metadata: Record<string, string> }): Promise<string[]> {
    const answer = await this.client.send(Patterns.RoutingCheck, {
      caller,
      params: { paymentMethodTypes: [...payment.paymentMethodTypes], currency: payment.currency, plan: { amount: payment.amount, metadata: payment.metadata } },
    });
    return answer.paid_at_gateway ?? [];
  }
}

/** The 400 for types that cannot be taken in the currency, naming `param`; null when every type can. */
export function routingRefusal(answer: CheckRoutingResult, payment: RoutedPayment, param: RoutedParam): PayrailError | null {
  if (answer.unroutable.length === 0) return null;
  const types = answer.unroutable.join(', ');
  const currency = payment.currency.toUpperCase();
  const message =
    param === 'currency'
      ? `No gateway account of yours can take ${types} payments in ${currency}. Use a currency your gateway accounts take, or add a gateway account that takes ${currency} (POST /v1/gateway_accounts).`
      : `The payment method type${answer.unroutable.length > 1 ? 's' : ''} ${types} cannot be taken in ${currency} by any gateway account of yours. Offer only types your gateway accounts take, or add a gateway account that takes them (POST /v1/gateway_accounts).`;
  return new PayrailError('parameter_invalid', message, { param });
}
