import type { GatewayFee } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { GatewayOutcomeUnknownError, type GatewayHttpClient, type GatewayReply } from '../../http/gateway-http-client.js';
import type {
  ConnectorAuthenticationRequest,
  ConnectorAuthorizeRequest,
  ConnectorCaptureRequest,
  ConnectorFeeLookUpRequest,
  ConnectorRefundRequest,
  ConnectorRefundSyncRequest,
  ConnectorRefundResult,
  ConnectorSettleResult,
  ConnectorSyncRequest,
  ConnectorSyncResult,
  ConnectorVoidRequest,
  PaymentConnector,
} from '../../routing/payment-connector.js';
import { STRIPE_API_VERSION, type StripeCharge, type StripePaymentIntent, type StripeRefund, type StripeSearchResult } from './stripe-api.js';
import { errorOfReply, parseStripeError } from './stripe-errors.js';
import { formEncode, type StripeParam } from './stripe-form.js';
import { stripePaymentMethodOf } from './stripe-payment-method.js';
import {
  authenticationOf,
  authorizationOf,
  captureResultOf,
  declinedAuthorizationOf,
  gatewayFeeOf,
  refundResultOf,
  syncResultOf,
  voidResultOf,
  type StripeAuthenticationResult,
  type StripeAuthorizeResult,
} from './stripe-transformers.js';

export const STRIPE_GATEWAY = 'stripe';

/**
 * `paymentIntentId` goes to Stripe's metadata; `returnUrl` is where Stripe sends the customer back after
 * its redirect-based 3D Secure. Without a return URL Stripe asks for its own SDK (`use_stripe_sdk`)
 * instead of giving a redirect URL.
 */
export type StripeAuthorizeRequest = ConnectorAuthorizeRequest;

/**
 * Charge, its balance transaction and the payment method expanded, so that one answer carries the card, the
 * network's outcome and, once captured, Stripe's fee: no second call while the payment waits.
 */
const EXPAND = ['latest_charge.balance_transaction', 'payment_method'] as const;

/** The refund's balance transaction: how Stripe paid it out, at what rate when it converted it. */
const REFUND_EXPAND = ['balance_transaction'] as const;

/**
 * One merchant's Stripe account, over Stripe's REST API (https://docs.stripe.com/api/payment_intents).
 * Every POST carries the attempt's key as Stripe's `Idempotency-Key`: Stripe answers a repeat with its
 * first answer, so the HTTP client may retry a lost answer and a duplicate never charges twice.
 */
export class StripeConnector implements PaymentConnector {
  readonly name = STRIPE_GATEWAY;

  constructor(
    private readonly http: GatewayHttpClient,
    private readonly apiBase: string,
    private readonly secretKey: string,
  ) {}

  async authorize(request: StripeAuthorizeRequest): Promise<StripeAuthorizeResult> {
    const reply = await this.send('POST', '/v1/payment_intents', request.idempotencyKey, {
      amount: request.amount,
      currency: request.currency.toLowerCase(),
      payment_method: stripePaymentMethodOf(request.paymentMethod, request.livemode),
      // Cards only: with Stripe's automatic payment methods a confirm without a return URL is refused.
      payment_method_types: ['card'],
      capture_method: request.captureMethod,
      confirm: true,
      return_url: request.returnUrl,
      metadata: { payrail_attempt_key: request.idempotencyKey, payrail_payment_intent: request.paymentIntentId },
      expand: EXPAND,
    });
    const cardError = reply.status === 402 ? parseStripeError(reply.body) : undefined;
    if (cardError?.type === 'card_error') return declinedAuthorizationOf(cardError);
    return authorizationOf(this.parse<StripePaymentIntent>(reply));
  }

  /** Stripe ran 3D Secure with the customer itself: its PaymentIntent now says how the authorisation ended. */
  async completeAuthentication(request: ConnectorAuthenticationRequest): Promise<StripeAuthenticationResult> {
    const id = paymentIntentIdOf(request.authorization);
    return authenticationOf(await this.call<StripePaymentIntent>('GET', `/v1/payment_intents/${encodeURIComponent(id)}?${formEncode({ expand: EXPAND })}`));
  }

  /**
   * Finds the PaymentIntent by the attempt key in its metadata, with Stripe's Search API. Chosen because
   * Stripe offers no lookup by idempotency key, and replaying the create to learn its answer would charge
   * if the first never arrived. Its limits (https://docs.stripe.com/search#data-freshness): the index lags
   * writes, normally under a minute, longer during incidents, so `not_found` holds only for an attempt
   * older than that (callers sync after PAYRAIL_PROCESSING_STALE_AFTER_MS, 2 minutes by default); and
   * Search is not offered to accounts in India. Stripe's idempotency keeps keys 24 hours: a request
   * arriving later still would not be refused (a 30 s client timeout makes that moot in practice).
   */
  async sync(request: ConnectorSyncRequest): Promise<ConnectorSyncResult> {
    const query = `metadata['payrail_attempt_key']:'${request.idempotencyKey.replace(/['\\]/g, '\\$&')}'`;
    const found = await this.call<StripeSearchResult<StripePaymentIntent>>(
      'GET',
      `/v1/payment_intents/search?${formEncode({ query, expand: EXPAND.map((field) => `data.${field}`) })}`,
    );
    const [intent] = found.data;
    return intent ? syncResultOf(intent) : { status: 'not_found' };
  }

  async capture(request: ConnectorCaptureRequest): Promise<ConnectorSettleResult> {
    const id = paymentIntentIdOf(request.authorization);
    const reply = await this.send('POST', `/v1/payment_intents/${encodeURIComponent(id)}/capture`, request.idempotencyKey, {
      amount_to_capture: request.amount,
      metadata: { payrail_attempt_key: request.idempotencyKey },
      expand: ['latest_charge.balance_transaction'],
    });
    return captureResultOf(this.parse<StripePaymentIntent>(reply));
  }

  async void(request: ConnectorVoidRequest): Promise<ConnectorSettleResult> {
    const id = paymentIntentIdOf(request.authorization);
    const reply = await this.send('POST', `/v1/payment_intents/${encodeURIComponent(id)}/cancel`, request.idempotencyKey, {});
    return voidResultOf(this.parse<StripePaymentIntent>(reply));
  }

  async refund(request: ConnectorRefundRequest): Promise<ConnectorRefundResult> {
    const reply = await this.send('POST', '/v1/refunds', request.idempotencyKey, {
      payment_intent: paymentIntentIdOf(request.authorization),
      amount: request.amount,
      metadata: { payrail_attempt_key: request.idempotencyKey },
      expand: REFUND_EXPAND,
    });
    return refundResultOf(this.parse<StripeRefund>(reply));
  }

  /** Retrieves the refund Stripe answered `pending` to; without its id, the outcome stays unknown. */
  async syncRefund(request: ConnectorRefundSyncRequest): Promise<ConnectorRefundResult> {
    if (!request.externalReference) throw new PayrailError('gateway_unavailable', 'Stripe cannot be asked about a refund whose id it never returned.');
    return refundResultOf(await this.call<StripeRefund>('GET', `/v1/refunds/${encodeURIComponent(request.externalReference)}?${formEncode({ expand: REFUND_EXPAND })}`));
  }

  /** The charge with its balance transaction expanded: Stripe's fee once it has accounted the funds. */
  async lookUpFee(request: ConnectorFeeLookUpRequest): Promise<GatewayFee | undefined> {
    return gatewayFeeOf(await this.call<StripeCharge>('GET', `/v1/charges/${encodeURIComponent(request.reference)}?${formEncode({ expand: ['balance_transaction'] })}`));
  }

  /** The account's balance: the cheapest authenticated read Stripe has. */
  async probe(): Promise<void> {
    await this.call<{ object: 'balance' }>('GET', '/v1/balance');
  }

  private async call<T>(method: 'GET', pathAndQuery: string): Promise<T> {
    return this.parse<T>(await this.http.send(STRIPE_GATEWAY, { method, url: this.url(pathAndQuery), headers: this.headers(), idempotent: true }));
  }

  private async send(method: 'POST', path: string, idempotencyKey: string, params: Readonly<Record<string, StripeParam>>): Promise<GatewayReply> {
    return this.http.send(STRIPE_GATEWAY, {
      method,
      url: this.url(path),
      headers: { ...this.headers(), 'Content-Type': 'application/x-www-form-urlencoded', 'Idempotency-Key': idempotencyKey },
      body: formEncode(params),
      idempotent: true,
    });
  }

  private parse<T>(reply: GatewayReply): T {
    if (reply.status < 200 || reply.status >= 300) throw errorOfReply(reply.status, reply.body);
    try {
      return JSON.parse(reply.body) as T;
    } catch {
      throw new GatewayOutcomeUnknownError(`Stripe answered ${reply.status} with a body that is not JSON`);
    }
  }

  private url(pathAndQuery: string): string {
    return `${this.apiBase.replace(/\/+$/, '')}${pathAndQuery}`;
  }

  private headers(): Record<string, string> {
    return { Authorization: `Bearer ${this.secretKey}`, 'Stripe-Version': STRIPE_API_VERSION, Accept: 'application/json' };
  }
}

function paymentIntentIdOf(authorization: { externalReference: string | null }): string {
  if (!authorization.externalReference) {
    throw new PayrailError('payment_intent_unexpected_state', 'This authorisation has no Stripe PaymentIntent to act on.');
  }
  return authorization.externalReference;
}
