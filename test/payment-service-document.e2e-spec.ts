import type { MerchantCredentials } from '@payrail/testing';
import { stripeClient } from '@payrail/testing';

const baseUrl = process.env.PAYRAIL_TEST_BASE_URL!;
const credentials = JSON.parse(process.env.PAYRAIL_TEST_CREDENTIALS!) as MerchantCredentials;

type Json = Record<string, unknown>;
interface Charge extends Json {
  id: string;
  receipt_url: string;
}
interface Intent extends Json {
  id: string;
  latest_charge: string;
  charges?: { data: Charge[] };
}
interface Answer extends Intent {
  data: Intent[];
  error: Json;
}

/**
 * The Payment Service document's requests, sent as it writes them (JSON, a bearer API key, no Stripe-Version),
 * and the fields its integrators read from the answers.
 */
describe('the Payment Service document\'s examples', () => {
  const headers = { authorization: `Bearer ${credentials.secret_key}`, 'content-type': 'application/json' };
  const post = async (path: string, body: Json, extra: Record<string, string> = {}) => {
    const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { ...headers, ...extra }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Answer };
  };
  const get = async (path: string, extra: Record<string, string> = {}) => {
    const response = await fetch(`${baseUrl}${path}`, { headers: { ...headers, ...extra } });
    return { status: response.status, body: (await response.json()) as Answer };
  };
  let customer: string;

  beforeAll(async () => {
    customer = (await post('/v1/customers', { email: 'customer@example.com' })).body.id;
  });

  it('creates with customer_id, confirms, and lists the charge with its card on the intent', async () => {
    const created = await post('/v1/payment_intents', {
      amount: 2000,
      currency: 'usd',
      payment_method_types: ['card', 'apple_pay'],
      customer_id: customer,
      description: 'Payment for Order #12345',
      metadata: { order_id: '12345', customer_email: 'customer@example.com' },
      capture_method: 'automatic',
      confirmation_method: 'automatic',
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ object: 'payment_intent', status: 'requires_payment_method', customer, description: 'Payment for Order #12345', payment_method_types: ['card', 'apple_pay'] });
    expect(created.body.charges).toEqual({ object: 'list', data: [], has_more: false, url: `/v1/charges?payment_intent=${created.body.id}` });

    const confirmed = await post(`/v1/payment_intents/${created.body.id}/confirm`, { payment_method: 'pm_card_visa', return_url: 'https://merchant.com/return', use_stripe_sdk: true });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'succeeded', amount_received: 2000 });
    const [charge] = confirmed.body.charges!.data;
    expect(charge).toMatchObject({
      id: confirmed.body.latest_charge,
      amount: 2000,
      currency: 'usd',
      status: 'succeeded',
      payment_method: { id: 'pm_card_visa', type: 'card', card: { brand: 'visa', last4: '4242', exp_month: expect.any(Number), exp_year: expect.any(Number) } },
    });
    expect(charge.receipt_url).toMatch(/^http:\/\/.+\/receipts\/ch_/);
    expect(charge.payment_method).not.toHaveProperty('card.fingerprint');
  });

  it('answers use_stripe_sdk with the SDK\'s next action for 3-D Secure, and a plain redirect to reads', async () => {
    const created = await post('/v1/payment_intents', { amount: 2000, currency: 'usd', payment_method_types: ['apple_pay'] });
    expect(created.body.payment_method_types).toEqual(['apple_pay']);
    const confirmed = await post(`/v1/payment_intents/${created.body.id}/confirm`, { payment_method: 'pm_card_threeDSecure2Required', return_url: 'https://merchant.com/return', use_stripe_sdk: true });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({
      status: 'requires_action',
      next_action: { type: 'use_stripe_sdk', use_stripe_sdk: { type: 'three_d_secure_redirect', stripe_js: expect.stringMatching(/^http:\/\/.+/), return_url: 'https://merchant.com/return' } },
    });
    expect((await get(`/v1/payment_intents/${created.body.id}`)).body).toMatchObject({ next_action: { type: 'redirect_to_url' } });
  });

  it('refuses customer and customer_id naming two different customers, and creates nothing', async () => {
    const before = (await get('/v1/payment_intents?limit=1')).body.data[0]?.id;
    const refused = await post('/v1/payment_intents', { amount: 2000, currency: 'usd', customer, customer_id: 'cus_someoneelse0000000000' });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ type: 'invalid_request_error', code: 'parameter_invalid', param: 'customer_id' });
    expect((await get('/v1/payment_intents?limit=1')).body.data[0]?.id).toBe(before);
  });

  it('names the payment method in a decline, as the document\'s error example does', async () => {
    const declined = await post('/v1/payment_intents', { amount: 2000, currency: 'usd', payment_method: 'pm_card_chargeDeclinedInsufficientFunds', confirm: true });
    expect(declined.status).toBe(402);
    expect(declined.body.error).toMatchObject({ type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', param: 'payment_method', request_id: expect.stringMatching(/^req_/) });
  });

  it('answers each Stripe API version as Stripe did: the charges list until 2022-11-15, not after', async () => {
    const paid = await post('/v1/payment_intents', { amount: 1500, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
    const legacy = await get(`/v1/payment_intents/${paid.body.id}`, { 'stripe-version': '2020-08-27' });
    expect(legacy.body.charges!.data).toHaveLength(1);
    expect(legacy.body.charges!.data[0]).toMatchObject({ object: 'charge', payment_method: 'pm_card_visa', payment_method_details: { card: { last4: '4242' } } });
    expect((await get(`/v1/payment_intents/${paid.body.id}`, { 'stripe-version': '2022-11-15' })).body).not.toHaveProperty('charges');
    const listed = await get('/v1/payment_intents?limit=3', { 'stripe-version': '2019-12-03' });
    expect(listed.body.data.find((intent) => intent.id === paid.body.id)?.charges?.data[0].id).toBe(paid.body.latest_charge);

    // The official SDK pins a current version: it reads no charges list, as from Stripe today.
    const fromSdk = await stripeClient(credentials.secret_key).paymentIntents.retrieve(paid.body.id);
    expect(fromSdk).not.toHaveProperty('charges');
  });
});
