import { PayrailError } from '@payrail/errors';
import { startStripeMock, type StripeMock } from '@payrail/testing';
import { GatewayHttpClient, type GatewayReply, type GatewayRequest } from '../../http/gateway-http-client.js';
import type { StripePaymentIntent } from './stripe-api.js';
import { StripeConnectorFactory } from './stripe-connector.factory.js';
import { gatewayFeeOf } from './stripe-transformers.js';
import type { StripeConnector } from './stripe.connector.js';

/**
 * Every method against stripe-mock v0.203.0, started with `-strict-version-check`: it validates each
 * request against Stripe's OpenAPI document (form encoding, parameter names, the pinned Stripe-Version)
 * and answers with its fixtures, whose statuses these tests expect mapped. What it cannot prove (real
 * declines, 3D Secure) the unit specs prove from Stripe's documented JSON.
 */
/** The one HTTP client, remembering what went out and what came back. */
class RecordingHttpClient extends GatewayHttpClient {
  readonly exchanges: { request: GatewayRequest; reply: GatewayReply }[] = [];

  override async send(gateway: string, request: GatewayRequest): Promise<GatewayReply> {
    const reply = await super.send(gateway, request);
    this.exchanges.push({ request, reply });
    return reply;
  }
}

describe('StripeConnector against stripe-mock', () => {
  let mock: StripeMock;
  const http = new RecordingHttpClient();
  let connector: StripeConnector;
  const authorization = { externalReference: 'pi_stripe_mock', amount: 2000, currency: 'usd' };

  beforeAll(async () => {
    mock = await startStripeMock();
    const factory = new StripeConnectorFactory({ stripeApiBase: mock.url }, http);
    connector = factory.create({ id: 'ga_test', livemode: false, credentials: { secret_key: 'sk_test_connectorSpec123' } });
  });

  afterAll(async () => {
    await mock?.stop();
  });

  it('authorises with a confirming PaymentIntent create that Stripe accepts, mapping its status and card', async () => {
    const result = await connector.authorize({
      idempotencyKey: 'attempt_auth_1',
      livemode: false,
      amount: 2000,
      currency: 'USD',
      paymentMethod: 'pm_card_visa',
      captureMethod: 'manual',
      paymentIntentId: 'pi_payrail_1',
      returnUrl: 'https://payrail.example/3ds/return',
    });
    // stripe-mock's fixture PaymentIntent is `requires_payment_method`: after a confirm, Stripe's way of saying it failed.
    expect(result.outcome).toBe('declined');
    expect(result.failureCode).toBe('card_declined');
    expect(result.externalReference).toMatch(/^pi_/);
    expect(result.card).toMatchObject({ brand: 'visa', last4: '4242', funding: 'credit' });
    expect(result.redirectUrl).toBeNull();
    // stripe-mock echoes the Idempotency-Key it received; the client was told a retry is safe.
    const { request, reply } = http.exchanges.at(-1)!;
    expect(reply.headers.get('idempotency-key')).toBe('attempt_auth_1');
    expect(request.idempotent).toBe(true);
    expect(new URLSearchParams(request.body).get('metadata[payrail_payment_intent]')).toBe('pi_payrail_1');
  });

  it('sends a raw Stripe test card number as its test token, which Stripe accepts', async () => {
    const result = await connector.authorize({
      idempotencyKey: 'attempt_auth_raw',
      livemode: false,
      amount: 500,
      currency: 'eur',
      paymentMethod: '4242 4242 4242 4242',
      captureMethod: 'automatic',
    });
    expect(result.externalReference).toMatch(/^pi_/);
    expect(new URLSearchParams(http.exchanges.at(-1)!.request.body).get('payment_method')).toBe('pm_card_visa');
  });

  it('refuses a raw number in live mode without calling Stripe or echoing it', async () => {
    const live = new StripeConnectorFactory({ stripeApiBase: mock.url }, new GatewayHttpClient()).create({
      id: 'ga_live',
      livemode: true,
      credentials: { secret_key: 'sk_live_connectorSpec123' },
    });
    const refusal = live.authorize({ idempotencyKey: 'k', livemode: true, amount: 500, currency: 'usd', paymentMethod: '4242424242424242', captureMethod: 'automatic' });
    await expect(refusal).rejects.toMatchObject({ code: 'parameter_invalid', param: 'payment_method' });
    await expect(refusal).rejects.not.toThrow(/4242424242424242/);
  });

  it('completes authentication by retrieving the PaymentIntent', async () => {
    const result = await connector.completeAuthentication({
      idempotencyKey: 'attempt_3ds',
      livemode: false,
      amount: 2000,
      currency: 'usd',
      authenticated: true,
      authorization: { externalReference: 'pi_stripe_mock' },
    });
    expect(result.externalReference).toBe('pi_stripe_mock');
    expect(result.outcome).toBe('declined');
  });

  it('captures part of an authorisation; the fixture intent left requires_payment_method reads as a failed capture', async () => {
    const result = await connector.capture({ idempotencyKey: 'attempt_capture', livemode: false, amount: 1500, currency: 'usd', authorization });
    expect(result).toMatchObject({ status: 'failed', externalReference: 'pi_stripe_mock' });
    expect(result.failureReason).toContain('requires_payment_method');
  });

  it("asks for the charge's balance transaction in the same calls that authorise and capture, and stripe-mock answers it expanded", async () => {
    await connector.authorize({ idempotencyKey: 'attempt_fee', livemode: false, amount: 2000, currency: 'usd', paymentMethod: 'pm_card_visa', captureMethod: 'automatic' });
    const authorised = http.exchanges.at(-1)!;
    expect(new URLSearchParams(authorised.request.body).getAll('expand[]')).toContain('latest_charge.balance_transaction');
    await connector.capture({ idempotencyKey: 'attempt_fee_capture', livemode: false, amount: 2000, currency: 'usd', authorization });
    const captured = http.exchanges.at(-1)!;
    expect(new URLSearchParams(captured.request.body).getAll('expand[]')).toEqual(['latest_charge.balance_transaction']);
    for (const { reply } of [authorised, captured]) {
      const intent = JSON.parse(reply.body) as StripePaymentIntent;
      // stripe-mock's fixture charge carries a balance transaction with no fee; read as Stripe's answer, a known zero.
      expect(typeof intent.latest_charge === 'object' && intent.latest_charge !== null && gatewayFeeOf(intent.latest_charge)).toEqual({ amount: 0, currency: 'usd' });
    }
  });

  it("looks an awaited fee up by retrieving the charge with its balance transaction expanded, which stripe-mock accepts", async () => {
    const fee = await connector.lookUpFee({ livemode: false, reference: 'ch_awaited_fee' });
    const { request, reply } = http.exchanges.at(-1)!;
    expect(request.method).toBe('GET');
    const url = new URL(request.url);
    expect(url.pathname).toBe('/v1/charges/ch_awaited_fee');
    expect(url.searchParams.getAll('expand[]')).toEqual(['balance_transaction']);
    expect(reply.status).toBe(200);
    // stripe-mock's fixture balance transaction has no fee: read as Stripe's answer, a known zero.
    expect(fee).toEqual({ amount: 0, currency: 'usd' });
  });

  it('voids through the cancel endpoint', async () => {
    const result = await connector.void({ idempotencyKey: 'attempt_void', livemode: false, authorization });
    expect(result).toMatchObject({ status: 'failed', externalReference: 'pi_stripe_mock' });
  });

  it('refunds part of a payment; the fixture refund succeeds', async () => {
    const result = await connector.refund({ idempotencyKey: 'attempt_refund', livemode: false, amount: 300, currency: 'usd', authorization });
    expect(result.status).toBe('succeeded');
    expect(result.externalReference).toMatch(/^re_/);
  });

  it("asks for the refund's balance transaction when it refunds and when it syncs, and stripe-mock answers it expanded", async () => {
    const refund = { idempotencyKey: 'attempt_refund_paid_out', livemode: false, amount: 300, currency: 'usd', authorization };
    const made = await connector.refund(refund);
    const created = http.exchanges.at(-1)!;
    expect(new URLSearchParams(created.request.body).getAll('expand[]')).toEqual(['balance_transaction']);
    await connector.syncRefund({ ...refund, externalReference: made.externalReference });
    const retrieved = http.exchanges.at(-1)!;
    expect(new URL(retrieved.request.url).searchParams.getAll('expand[]')).toEqual(['balance_transaction']);
    for (const { reply } of [created, retrieved]) {
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.body)).toMatchObject({ object: 'refund', balance_transaction: { object: 'balance_transaction' } });
    }
    // stripe-mock's fixture is not converted (no exchange rate): nothing to follow into another currency.
    expect(made).not.toHaveProperty('gatewayFee');
  });

  it('syncs a refund by retrieving it, and cannot tell without its id', async () => {
    const refund = { idempotencyKey: 'attempt_refund', livemode: false, amount: 300, currency: 'usd', authorization };
    const made = await connector.refund(refund);
    const synced = await connector.syncRefund({ ...refund, externalReference: made.externalReference });
    expect(synced).toMatchObject({ status: 'succeeded', externalReference: expect.stringMatching(/^re_/) });
    await expect(connector.syncRefund({ ...refund, externalReference: null })).rejects.toMatchObject({ code: 'gateway_unavailable' });
  });

  it('syncs by searching for the attempt key in the metadata', async () => {
    const result = await connector.sync({ idempotencyKey: "attempt_'quoted'", livemode: false });
    expect(result.status).toBe('found');
    if (result.status !== 'found') return;
    expect(result.captureMethod).toBe('automatic');
    expect(result.amount).toBeGreaterThan(0);
    expect(result.answer.externalReference).toMatch(/^pi_/);
  });

  it('turns a request Stripe rejects as invalid (a fractional amount) into a 4xx PayrailError', async () => {
    const refusal = connector.capture({ idempotencyKey: 'attempt_bad', livemode: false, amount: 12.5, currency: 'usd', authorization });
    await expect(refusal).rejects.toBeInstanceOf(PayrailError);
    await expect(refusal).rejects.toMatchObject({ code: 'parameter_invalid' });
  });

  it("names a refused secret key as the gateway account's problem, never quoting it", async () => {
    const refused = new StripeConnectorFactory({ stripeApiBase: mock.url }, new GatewayHttpClient()).create({
      id: 'ga_live',
      livemode: true,
      credentials: { secret_key: 'sk_live_refusedByStripeMock' },
    });
    const refusal = refused.refund({ idempotencyKey: 'k2', livemode: true, amount: 300, currency: 'usd', authorization });
    await expect(refusal).rejects.toMatchObject({ code: 'gateway_credentials_refused', status: 400 });
    await expect(refusal).rejects.not.toThrow(/sk_live/);
  });
});
