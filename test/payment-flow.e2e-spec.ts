import Stripe from 'stripe';
import { createMerchant, sandboxCredentials, stripeClient, WebhookReceiver } from '@payrail/testing';

const baseUrl = process.env.PAYRAIL_TEST_BASE_URL!;

describe('one payment end to end through every service, driven by the official Stripe SDK', () => {
  const { secret_key: secretKey } = sandboxCredentials();
  const stripe = stripeClient(secretKey);
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
  });
  afterAll(() => receiver.stop());

  it('takes a payment, refunds part of it and tells the merchant, with signed webhooks retried after a failure', async () => {
    const endpoint = await stripe.webhookEndpoints.create({
      url: receiver.url,
      enabled_events: ['payment_intent.succeeded', 'charge.refunded'],
    });
    expect(endpoint.id).toMatch(/^we_[A-Za-z0-9]{24}$/);
    expect(endpoint.secret).toMatch(/^whsec_/);
    receiver.failNext(1);

    const created = await stripe.paymentIntents.create({
      amount: 2000,
      currency: 'usd',
      allowed_payment_method_types: ['card'],
      metadata: { order_id: '6735' },
    });
    expect(created).toMatchObject({ object: 'payment_intent', amount: 2000, currency: 'usd', status: 'requires_payment_method', metadata: { order_id: '6735' } });
    expect(created.id).toMatch(/^pi_/);
    expect(created.client_secret).toMatch(new RegExp(`^${created.id}_secret_`));
    expect(created.lastResponse.requestId).toMatch(/^req_/);

    expect(await stripe.paymentIntents.retrieve(created.id)).toMatchObject({ id: created.id, status: 'requires_payment_method' });
    const listed = await stripe.paymentIntents.list({ limit: 100 });
    expect(listed.object).toBe('list');
    expect(listed.data.map((intent) => intent.id)).toContain(created.id);

    const confirmed = await stripe.paymentIntents.confirm(created.id, { payment_method: 'pm_card_visa' });
    expect(confirmed).toMatchObject({ status: 'succeeded', amount_received: 2000 });
    expect(confirmed.latest_charge).toMatch(/^ch_/);

    const refund = await stripe.refunds.create({ payment_intent: created.id, amount: 500 });
    expect(refund).toMatchObject({ object: 'refund', amount: 500, status: 'succeeded', payment_intent: created.id, charge: confirmed.latest_charge });

    await receiver.waitFor((r) =>
      r.accepted('payment_intent.succeeded').some((d) => d.event.data.object.id === created.id) &&
      r.accepted('charge.refunded').some((d) => d.event.data.object.payment_intent === created.id));

    const succeeded = receiver.accepted('payment_intent.succeeded').find((d) => d.event.data.object.id === created.id)!;
    const verified = stripe.webhooks.constructEvent(succeeded.body, succeeded.headers['payments-signature'] as string, endpoint.secret!);
    expect(verified).toMatchObject({ object: 'event', type: 'payment_intent.succeeded', data: { object: { id: created.id, amount_received: 2000 } } });
    expect(verified.id).toMatch(/^evt_/);

    const refunded = receiver.accepted('charge.refunded').find((d) => d.event.data.object.payment_intent === created.id)!;
    const refundEvent = stripe.webhooks.constructEvent(refunded.body, refunded.headers['payments-signature'] as string, endpoint.secret!);
    expect(refundEvent.data.object).toMatchObject({ object: 'charge', amount_refunded: 500, refunded: false });

    const failedFirst = receiver.received.find((d) => d.status === 500);
    expect(failedFirst).toBeDefined();
    const deliveriesOfFailedEvent = receiver.received.filter((d) => JSON.parse(d.body).id === JSON.parse(failedFirst!.body).id);
    expect(deliveriesOfFailedEvent.map((d) => d.status)).toEqual([500, 200]);
    expect(() => stripe.webhooks.constructEvent(succeeded.body, succeeded.headers['payments-signature'] as string, 'whsec_wrong')).toThrow();
  });

  it('refuses a negative amount with a 400 naming the parameter, in Stripe\'s envelope', async () => {
    const error = await stripe.paymentIntents.create({ amount: -5, currency: 'usd' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    const stripeError = error as Stripe.errors.StripeInvalidRequestError;
    expect(stripeError.statusCode).toBe(400);
    expect(stripeError.param).toBe('amount');
    expect(stripeError.requestId).toMatch(/^req_/);
  });

  it('refuses an unknown API key with a 401', async () => {
    const error = await stripeClient('sk_test_unknownunknownunknownunknown').paymentIntents.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect((error as Stripe.errors.StripeError).statusCode).toBe(401);
  });

  it('answers an unknown id with a 404 resource_missing', async () => {
    const error = await stripe.paymentIntents.retrieve('pi_doesnotexist000000000000').catch((e: unknown) => e);
    expect((error as Stripe.errors.StripeError).statusCode).toBe(404);
    expect((error as Stripe.errors.StripeError).code).toBe('resource_missing');
  });

  it('hides one merchant\'s payment intents from another (404, not 403)', async () => {
    const other = stripeClient((await createMerchant('Other merchant')).secret_key);
    const mine = await stripe.paymentIntents.create({ amount: 1000, currency: 'eur' });
    const error = await other.paymentIntents.retrieve(mine.id).catch((e: unknown) => e);
    expect((error as Stripe.errors.StripeError).statusCode).toBe(404);
    expect((await other.paymentIntents.list({ limit: 100 })).data.map((intent) => intent.id)).not.toContain(mine.id);
  });

  it('accepts Stripe\'s form encoding and JSON alike, and every response carries a Request-Id', async () => {
    const form = await fetch(`${baseUrl}/v1/payment_intents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'amount=1500&currency=kes&payment_method_types[]=card&metadata[order_id]=A-1&metadata[channel]=pos',
    });
    expect(form.status).toBe(200);
    expect(form.headers.get('request-id')).toMatch(/^req_/);
    expect(await form.json()).toMatchObject({ amount: 1500, currency: 'kes', payment_method_types: ['card'], metadata: { order_id: 'A-1', channel: 'pos' } });

    const json = await fetch(`${baseUrl}/v1/payment_intents`, {
      method: 'POST',
      headers: { 'x-api-key': secretKey, 'content-type': 'application/json' },
      body: JSON.stringify({ amount: 700, currency: 'jpy', metadata: { a: 'b' } }),
    });
    expect(json.status).toBe(200);
    expect(await json.json()).toMatchObject({ amount: 700, currency: 'jpy' });

    const malformed = await fetch(`${baseUrl}/v1/payment_intents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
      body: '{"amount": ',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('request-id')).toMatch(/^req_/);
    const envelope = (await malformed.json()) as { error: { type: string; request_id: string } };
    expect(envelope.error.type).toBe('invalid_request_error');
    expect(envelope.error.request_id).toBe(malformed.headers.get('request-id'));

    const unknownParam = await fetch(`${baseUrl}/v1/payment_intents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'amount=100&currency=usd&colour=blue',
    });
    expect(unknownParam.status).toBe(400);
    expect(((await unknownParam.json()) as { error: { param: string } }).error.param).toBe('colour');

    const health = await fetch(`${baseUrl}/health`);
    expect(health.status).toBe(200);
    expect(health.headers.get('request-id')).toMatch(/^req_/);
  });
});
