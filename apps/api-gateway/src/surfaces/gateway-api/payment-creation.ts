import { Injectable } from '@nestjs/common';
import { HOSTED_CHECKOUT_PAYMENT_METHOD_TYPES, Patterns, type Caller, type CheckoutSessionResource } from '@payrail/contracts';
import { newId } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import { MessageClient } from '@payrail/messaging';
import { BUS_TRY_TIMEOUT_MS, retryingBusFailures } from './bus-retries.js';
import { minorAmount } from './document-amount.js';
import type { CreatePaymentDto } from './dto/create-payment.dto.js';

/** The session `/pay` answers with; `replayed` when an earlier request for its order_id made it. */
export interface PayOutcome {
  session: CheckoutSessionResource;
  replayed: boolean;
}

/**
 * `POST /api/v1/pay` behind the controller: a Checkout Session and, with it, where the payment's own
 * notifications go. Payments writes the two in one transaction and webhook-dispatch learns the target
 * from its outbox (exactly once, by its inbox), so that neither can exist without the other: no payment
 * that runs unnoticed, no order_id used up by a request that failed half-way. Everything it sends is
 * safe to send again, and is, when the bus loses a request or its reply: the checks, and the create,
 * whose session id is chosen here so that a repeat is answered with the session the first one made.
 * A merchant's own retry (a new request for the same order_id and payment, after its client gave up on
 * the first answer, or while the first still runs) is answered with that first session by payments.
 */
@Injectable()
export class GatewayApiPaymentCreation {
  constructor(private readonly client: MessageClient) {}

  /** `signingKey`: the key (`hk_…`) that signed the request, which signs the payment's notifications. */
  async create(caller: Caller, body: CreatePaymentDto, signingKey: string): Promise<PayOutcome> {
    const amount = minorAmount(body.amount, body.currency);
    // Checked before anything is created, so that a refused webhook_url leaves the order_id free.
    const notification = body.webhook_url === undefined ? undefined : { url: await this.checkedWebhookUrl(caller, body.webhook_url), signing_key: signingKey };
    const offered = await this.offeredPaymentMethodTypes(caller, body.currency);
    const params = {
      id: newId('cs'),
      mode: 'payment' as const,
      line_items: [{ price_data: { currency: body.currency, unit_amount: amount, product_data: { name: `Order ${body.order_id}` } }, quantity: 1 }],
      success_url: body.return_url,
      cancel_url: body.return_url,
      order_id: body.order_id,
      ...(body.customer_email ? { customer_email: body.customer_email } : {}),
      ...(body.customer_name ? { customer_name: body.customer_name } : {}),
      ...(body.customer_phone ? { customer_phone: body.customer_phone } : {}),
      ...(body.metadata ? { metadata: body.metadata } : {}),
      ...(offered ? { payment_method_types: offered } : {}),
      ...(notification ? { notification } : {}),
    };
    const session = await retryingBusFailures(() => this.client.send(Patterns.CheckoutSessionCreate, { caller, params }, { timeoutMs: BUS_TRY_TIMEOUT_MS })).catch((error: unknown) => {
      throw inDocumentTerms(error);
    });
    return { session, replayed: session.id !== params.id };
  }

  /** The URL as webhook-dispatch will use it; a refusal in the document's terms. */
  private async checkedWebhookUrl(caller: Caller, url: string): Promise<string> {
    if (caller.livemode && !url.startsWith('https:')) throw new PayrailError('parameter_invalid', 'webhook_url must be an HTTPS URL', { param: 'webhook_url' });
    const checked = await retryingBusFailures(() => this.client.send(Patterns.TransactionWebhookCheck, { caller, params: { url } }, { timeoutMs: BUS_TRY_TIMEOUT_MS })).catch((error: unknown) => {
      throw error instanceof PayrailError && error.param === 'url' ? new PayrailError(error.code, error.message.replace(/^Invalid URL/, 'Invalid webhook_url'), { param: 'webhook_url' }) : error;
    });
    return checked.url;
  }

  /**
   * The document has no field for it: the payment page offers every method it takes that the merchant can
   * route in the currency (M-Pesa beside cards in KES, say). None: the session's own refusal names the currency.
   */
  private async offeredPaymentMethodTypes(caller: Caller, currency: string): Promise<string[] | undefined> {
    const types = [...HOSTED_CHECKOUT_PAYMENT_METHOD_TYPES];
    const answer = await retryingBusFailures(() =>
      this.client.send(Patterns.RoutingCheck, { caller, params: { paymentMethodTypes: types, currency: currency.toLowerCase() } }, { timeoutMs: BUS_TRY_TIMEOUT_MS }),
    );
    const routable = types.filter((type) => !answer.unroutable.includes(type));
    return routable.length > 0 ? routable : undefined;
  }
}

/** The session's parameter names, as this document's fields. */
const DOCUMENT_FIELDS: Array<[RegExp, string]> = [
  [/^line_items(\[0\]\[price_data\]\[unit_amount\])?$/, 'amount'],
  [/^line_items\[0\]\[price_data\]\[currency\]$/, 'currency'],
  [/^(success_url|cancel_url)$/, 'return_url'],
];

function inDocumentTerms(error: unknown): unknown {
  if (!(error instanceof PayrailError) || !error.param) return error;
  const field = DOCUMENT_FIELDS.find(([pattern]) => pattern.test(error.param!))?.[1];
  return field ? new PayrailError(error.code, error.message, { ...error.options, param: field }) : error;
}
