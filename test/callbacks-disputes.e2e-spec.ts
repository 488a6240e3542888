import { createHmac, randomBytes } from 'node:crypto';
import Razorpay from 'razorpay';
import Stripe from 'stripe';
import type { DisputeResource, GatewayAccountResource } from '@payrail/contracts';
import { createMerchant, stripeClient, type MerchantCredentials } from '@payrail/testing';
import { RazorpaySimulator } from '../apps/gateway-connectors/src/connectors/razorpay/simulator/razorpay-simulator.js';

const baseUrl = process.env.PAYRAIL_TEST_BASE_URL!;
const webhooks = new Stripe('sk_test_unused').webhooks;

interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

type ErrorBody = { error: { type: string; code: string; param?: string } };

async function call<T = Record<string, unknown>>(method: string, path: string, options: { key?: string; form?: Record<string, string>; raw?: string; headers?: Record<string, string> } = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers['Authorization'] = `Bearer ${options.key}`;
  let body: string | undefined;
  if (options.form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(options.form).toString();
  } else if (options.raw !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = options.raw;
  }
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
  return { status: response.status, body: (await response.json()) as T };
}

async function eventually<T>(read: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function stripeEvent(id: string, type: string, object: Record<string, unknown>): string {
  return JSON.stringify({ id, object: 'event', type, livemode: false, created: Math.floor(Date.now() / 1000), api_version: '2024-06-20', data: { object } });
}

describe('gateway callbacks at the edge', () => {
  let merchant: MerchantCredentials;
  let stripeAccount: GatewayAccountResource;
  let razorpayAccount: GatewayAccountResource;
  const stripeSecret = `whsec_${randomBytes(24).toString('hex')}`;
  const razorpaySecret = randomBytes(16).toString('hex');

  beforeAll(async () => {
    merchant = await createMerchant('Callbacks Merchant');
    const create = (form: Record<string, string>) => call<GatewayAccountResource>('POST', '/v1/gateway_accounts', { key: merchant.secret_key, form });
    stripeAccount = (await create({ gateway: 'stripe', 'credentials[secret_key]': `sk_test_${randomBytes(12).toString('hex')}`, webhook_secret: stripeSecret })).body;
    razorpayAccount = (await create({ gateway: 'razorpay', 'credentials[key_id]': 'rzp_test_Callbacks01', 'credentials[key_secret]': razorpaySecret, webhook_secret: razorpaySecret })).body;
    expect(stripeAccount.id).toMatch(/^ga_/);
    expect(razorpayAccount.id).toMatch(/^ga_/);
  });

  const stripePath = () => `/v1/callbacks/stripe/${stripeAccount.id}`;

  it('refuses a forged Stripe callback with a 401 and records nothing: the genuine event is then new', async () => {
    const payload = stripeEvent(`evt_${randomBytes(8).toString('hex')}`, 'payment_intent.succeeded', { id: 'pi_gateway_side', object: 'payment_intent', amount_received: 100, currency: 'usd' });
    const forged = webhooks.generateTestHeaderString({ payload, secret: `whsec_${randomBytes(24).toString('hex')}` });
    const refused = await call<ErrorBody>('POST', stripePath(), { raw: payload, headers: { 'Stripe-Signature': forged } });
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatchObject({ type: 'authentication_error', code: 'signature_invalid' });

    expect((await call<ErrorBody>('POST', stripePath(), { raw: payload })).status).toBe(401);
    const tampered = webhooks.generateTestHeaderString({ payload, secret: stripeSecret });
    expect((await call<ErrorBody>('POST', stripePath(), { raw: payload.replace('"amount_received":100', '"amount_received":900'), headers: { 'Stripe-Signature': tampered } })).status).toBe(401);
    const stale = webhooks.generateTestHeaderString({ payload, secret: stripeSecret, timestamp: Math.floor(Date.now() / 1000) - 600 });
    const staleAnswer = await call<ErrorBody>('POST', stripePath(), { raw: payload, headers: { 'Stripe-Signature': stale } });
    expect(staleAnswer.status).toBe(401);
    expect(staleAnswer.body.error.code).toBe('timestamp_out_of_range');

    const genuine = await call('POST', stripePath(), { raw: payload, headers: { 'Stripe-Signature': webhooks.generateTestHeaderString({ payload, secret: stripeSecret }) } });
    expect(genuine).toEqual({ status: 200, body: { received: true, duplicate: false } });
  });

  it('answers a verified Stripe event 200 once, and a replay of it 200 without acting twice', async () => {
    const payload = stripeEvent(`evt_${randomBytes(8).toString('hex')}`, 'charge.dispute.created', {
      id: 'du_gateway_side', object: 'dispute', amount: 100, currency: 'usd', charge: 'ch_gateway_side', payment_intent: 'pi_gateway_side', reason: 'fraudulent', status: 'needs_response',
    });
    const signature = webhooks.generateTestHeaderString({ payload, secret: stripeSecret });
    expect(await call('POST', stripePath(), { raw: payload, headers: { 'Stripe-Signature': signature } })).toEqual({ status: 200, body: { received: true, duplicate: false } });
    expect(await call('POST', stripePath(), { raw: payload, headers: { 'Stripe-Signature': signature } })).toEqual({ status: 200, body: { received: true, duplicate: true } });
    // About a payment this account never took: acknowledged, and no dispute appears.
    const disputes = await call<{ data: DisputeResource[] }>('GET', '/v1/disputes', { key: merchant.secret_key });
    expect(disputes.body.data).toEqual([]);
  });

  it('answers 404 for an unknown account or one of another gateway, without an API key either way', async () => {
    const payload = stripeEvent('evt_unknown_account', 'payment_intent.succeeded', { id: 'pi_x' });
    const signature = webhooks.generateTestHeaderString({ payload, secret: stripeSecret });
    expect((await call<ErrorBody>('POST', '/v1/callbacks/stripe/ga_doesNotExist0000000000000', { raw: payload, headers: { 'Stripe-Signature': signature } })).status).toBe(404);
    expect((await call<ErrorBody>('POST', `/v1/callbacks/razorpay/${stripeAccount.id}`, { raw: payload, headers: { 'X-Razorpay-Signature': 'x' } })).status).toBe(404);
  });

  it('verifies a Razorpay callback signed as the simulator signs it (the SDK agrees), deduplicated by x-razorpay-event-id', async () => {
    const body = JSON.stringify({
      entity: 'event',
      account_id: 'acc_Callbacks01',
      event: 'payment.captured',
      contains: ['payment'],
      payload: { payment: { entity: { id: 'pay_GatewaySide01', entity: 'payment', amount: 50000, currency: 'INR', status: 'captured', order_id: 'order_GatewaySide1' } } },
      created_at: Math.floor(Date.now() / 1000),
    });
    const signature = createHmac('sha256', razorpaySecret).update(body).digest('hex');
    expect(Razorpay.validateWebhookSignature(body, signature, razorpaySecret)).toBe(true);
    const path = `/v1/callbacks/razorpay/${razorpayAccount.id}`;
    const eventId = `evt_${randomBytes(7).toString('hex')}`;
    const headers = { 'X-Razorpay-Signature': signature, 'X-Razorpay-Event-Id': eventId };

    const forged = await call<ErrorBody>('POST', path, { raw: body, headers: { ...headers, 'X-Razorpay-Signature': createHmac('sha256', 'not-the-secret').update(body).digest('hex') } });
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('signature_invalid');
    expect(await call('POST', path, { raw: body, headers })).toEqual({ status: 200, body: { received: true, duplicate: false } });
    expect(await call('POST', path, { raw: body, headers })).toEqual({ status: 200, body: { received: true, duplicate: true } });
  });

  it("takes the Razorpay simulator's own signed delivery to the account's callback URL, and a replay of it as a duplicate", async () => {
    const keyId = 'rzp_test_Callbacks01';
    const simulator = new RazorpaySimulator([{ keyId, keySecret: razorpaySecret }]);
    const simulatorUrl = await simulator.start();
    try {
      const post = async (path: string, body: object, auth?: string) => {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (auth) headers['authorization'] = `Basic ${Buffer.from(auth).toString('base64')}`;
        const response = await fetch(`${simulatorUrl}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
        return (await response.json()) as Record<string, string | number>;
      };
      const order = await post('/v1/orders', { amount: 50000, currency: 'INR', receipt: `rcpt_${randomBytes(6).toString('hex')}` }, `${keyId}:${razorpaySecret}`);
      const paid = await post('/_simulator/checkout', { key_id: keyId, order_id: order['id'] as string });
      const url = `${baseUrl}/v1/callbacks/razorpay/${razorpayAccount.id}`;
      const delivery = await post('/_simulator/webhooks', { key_id: keyId, url, secret: razorpaySecret, event: 'payment.captured', payment_id: paid['razorpay_payment_id'] as string });
      expect(delivery['status']).toBe(200);
      const replay = await call('POST', `/v1/callbacks/razorpay/${razorpayAccount.id}`, {
        raw: delivery['body'] as string,
        headers: { 'X-Razorpay-Signature': delivery['signature'] as string, 'X-Razorpay-Event-Id': delivery['event_id'] as string },
      });
      expect(replay).toEqual({ status: 200, body: { received: true, duplicate: true } });
      const forged = await post('/_simulator/webhooks', { key_id: keyId, url, secret: 'a-secret-the-account-does-not-have', event: 'payment.captured', payment_id: paid['razorpay_payment_id'] as string });
      expect(forged['status']).toBe(401);
    } finally {
      await simulator.stop();
    }
  });
});

describe('disputes', () => {
  let merchant: MerchantCredentials;
  let rival: MerchantCredentials;
  let stripe: Stripe;

  beforeAll(async () => {
    [merchant, rival] = await Promise.all([createMerchant('Disputes Merchant'), createMerchant('Disputes Rival')]);
    stripe = stripeClient(merchant.secret_key);
  });

  async function disputedPayment(amount: number): Promise<{ intent: Stripe.PaymentIntent; dispute: DisputeResource }> {
    const intent = await stripe.paymentIntents.create({ amount, currency: 'usd', payment_method: 'pm_card_createDispute', confirm: true });
    expect(intent.status).toBe('succeeded');
    const dispute = await eventually(async () => {
      const listed = await call<{ data: DisputeResource[] }>('GET', `/v1/disputes?payment_intent=${intent.id}`, { key: merchant.secret_key });
      return listed.body.data[0];
    });
    return { intent, dispute };
  }

  it('opens a dispute right after the sandbox test card 4000000000000259 succeeds, marks the charge and tells the merchant', async () => {
    const { intent, dispute } = await disputedPayment(4200);
    expect(dispute).toMatchObject({
      object: 'dispute',
      amount: 4200,
      currency: 'usd',
      charge: intent.latest_charge,
      payment_intent: intent.id,
      reason: 'fraudulent',
      status: 'needs_response',
      livemode: false,
      metadata: {},
      evidence_details: { submission_count: 0, has_evidence: false },
    });
    expect(dispute.id).toMatch(/^dp_[0-9A-Za-z]{24}$/);
    expect(dispute.evidence.uncategorized_text).toBeNull();
    expect(await call('GET', `/v1/disputes/${dispute.id}`, { key: merchant.secret_key })).toEqual({ status: 200, body: dispute });

    const charge = await eventually(async () => {
      const found = await call<{ disputed: boolean }>('GET', `/v1/charges/${intent.latest_charge as string}`, { key: merchant.secret_key });
      return found.body.disputed ? found.body : undefined;
    });
    expect(charge).toMatchObject({ id: intent.latest_charge, disputed: true, status: 'succeeded' });

    const event = await eventually(async () => {
      const events = await stripe.events.list({ type: 'charge.dispute.created', limit: 100 });
      return events.data.find((candidate) => (candidate.data.object as { id?: string }).id === dispute.id);
    });
    expect(event.data.object).toMatchObject({ object: 'dispute', id: dispute.id, charge: intent.latest_charge, status: 'needs_response' });

    // A plain successful card opens none.
    const plain = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await call<{ data: unknown[] }>('GET', `/v1/disputes?payment_intent=${plain.id}`, { key: merchant.secret_key })).body.data).toEqual([]);
  });

  it('takes text evidence, staged and then submitted, and refuses more once under review', async () => {
    const { dispute } = await disputedPayment(1500);
    const path = `/v1/disputes/${dispute.id}`;
    const staged = await call<DisputeResource>('POST', path, {
      key: merchant.secret_key,
      form: { 'evidence[uncategorized_text]': 'Signed delivery receipt on file.', 'evidence[customer_name]': 'Jenny Rosen', submit: 'false', 'metadata[case]': '77' },
    });
    expect(staged.status).toBe(200);
    expect(staged.body).toMatchObject({ status: 'needs_response', metadata: { case: '77' }, evidence_details: { submission_count: 0, has_evidence: true } });
    expect(staged.body.evidence).toMatchObject({ uncategorized_text: 'Signed delivery receipt on file.', customer_name: 'Jenny Rosen', product_description: null });

    const unknownField = await call<ErrorBody>('POST', path, { key: merchant.secret_key, form: { 'evidence[receipt_file]': 'file_123' } });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error).toMatchObject({ code: 'parameter_unknown', param: 'evidence[receipt_file]' });

    const submitted = await call<DisputeResource>('POST', path, { key: merchant.secret_key, form: { 'evidence[product_description]': 'A blue mug.' } });
    expect(submitted.body).toMatchObject({ status: 'under_review', evidence_details: { submission_count: 1, has_evidence: true } });
    expect(submitted.body.evidence).toMatchObject({ uncategorized_text: 'Signed delivery receipt on file.', product_description: 'A blue mug.' });

    const late = await call<ErrorBody>('POST', path, { key: merchant.secret_key, form: { 'evidence[uncategorized_text]': 'More.' } });
    expect(late.status).toBe(400);
    expect(late.body.error.code).toBe('dispute_unexpected_state');
    const closeUnderReview = await call<ErrorBody>('POST', `${path}/close`, { key: merchant.secret_key });
    expect(closeUnderReview.status).toBe(400);

    await eventually(async () => {
      const events = await stripe.events.list({ type: 'charge.dispute.updated', limit: 100 });
      return events.data.find((candidate) => (candidate.data.object as { id?: string; status?: string }).id === dispute.id && (candidate.data.object as { status?: string }).status === 'under_review');
    });
  });

  it('closes a dispute as lost, once, with charge.dispute.closed', async () => {
    const { dispute } = await disputedPayment(2500);
    const closed = await call<DisputeResource>('POST', `/v1/disputes/${dispute.id}/close`, { key: merchant.secret_key });
    expect(closed).toMatchObject({ status: 200, body: { id: dispute.id, status: 'lost', is_charge_refundable: false } });
    expect(await call('POST', `/v1/disputes/${dispute.id}/close`, { key: merchant.secret_key })).toEqual(closed);
    const events = await eventually(async () => {
      const listed = await stripe.events.list({ type: 'charge.dispute.closed', limit: 100 });
      const mine = listed.data.filter((candidate) => (candidate.data.object as { id?: string }).id === dispute.id);
      return mine.length > 0 ? mine : undefined;
    });
    expect(events).toHaveLength(1);
  });

  it("keeps another merchant's disputes invisible: 404 on retrieve, update and close, and absent from its list", async () => {
    const { dispute } = await disputedPayment(1100);
    for (const [method, path, form] of [
      ['GET', `/v1/disputes/${dispute.id}`, undefined],
      ['POST', `/v1/disputes/${dispute.id}`, { 'evidence[uncategorized_text]': 'Not mine.' }],
      ['POST', `/v1/disputes/${dispute.id}/close`, undefined],
    ] as const) {
      const answer = await call<ErrorBody>(method, path, { key: rival.secret_key, ...(form ? { form } : {}) });
      expect(answer.status).toBe(404);
      expect(answer.body.error.code).toBe('resource_missing');
    }
    const listed = await call<{ data: DisputeResource[] }>('GET', '/v1/disputes', { key: rival.secret_key });
    expect(listed.body.data.map((candidate) => candidate.id)).not.toContain(dispute.id);
    expect((await call<DisputeResource>('GET', `/v1/disputes/${dispute.id}`, { key: merchant.secret_key })).body.status).toBe('needs_response');
  });
});
