import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { createMerchant, sandboxCredentials, stripeClient, type MerchantCredentials } from '@payrail/testing';

const baseUrl = process.env.PAYRAIL_TEST_BASE_URL!;

interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  body: { id?: string; status?: string; error?: { type: string; code: string; request_id: string } };
}

/** A raw HTTP request, form-encoded as the Stripe SDKs send it. */
async function raw(secretKey: string, method: string, path: string, options: { key?: string; form?: string } = {}): Promise<RawResponse> {
  const headers: Record<string, string> = { Authorization: `Bearer ${secretKey}` };
  if (options.key !== undefined) headers['Idempotency-Key'] = options.key;
  if (options.form !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body: options.form });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: JSON.parse(text) };
}

/** Every payment intent of a merchant (a fresh one, so that the count is its own). */
async function allIntents(stripe: Stripe): Promise<Stripe.PaymentIntent[]> {
  const intents: Stripe.PaymentIntent[] = [];
  for await (const intent of stripe.paymentIntents.list({ limit: 100 })) intents.push(intent);
  return intents;
}

describe('Idempotency-Key, as Stripe answers it', () => {
  const { secret_key: secretKey } = sandboxCredentials();
  const stripe = stripeClient(secretKey);
  let other: MerchantCredentials;

  beforeAll(async () => {
    other = await createMerchant('Idempotency Other');
  });

  it('replays a create with the same key: the same object and body, marked Idempotent-Replayed', async () => {
    const key = randomUUID();
    const run = randomUUID();
    const form = `amount=2000&currency=usd&metadata[run]=${run}`;
    const first = await raw(secretKey, 'POST', '/v1/payment_intents', { key, form });
    const replay = await raw(secretKey, 'POST', '/v1/payment_intents', { key, form });

    expect(first.status).toBe(200);
    expect(first.body.id).toMatch(/^pi_/);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(replay.status).toBe(200);
    expect(replay.text).toBe(first.text);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.headers.get('original-request')).toBe(first.headers.get('request-id'));
    expect(replay.headers.get('request-id')).toMatch(/^req_/);
    expect(replay.headers.get('request-id')).not.toBe(first.headers.get('request-id'));

    // The SDK's JSON-free form of the same parameters is the same request.
    const viaSdk = await stripe.paymentIntents.create({ amount: 2000, currency: 'usd', metadata: { run } }, { idempotencyKey: key });
    expect(viaSdk.id).toBe(first.body.id);
    expect(viaSdk.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(viaSdk.lastResponse.headers['original-request']).toBe(first.headers.get('request-id'));
  });

  it('refuses the same key with other parameters: 400 idempotency_error, and creates nothing', async () => {
    const key = randomUUID();
    const created = await stripe.paymentIntents.create({ amount: 2000, currency: 'usd' }, { idempotencyKey: key });
    const error = await stripe.paymentIntents.create({ amount: 3000, currency: 'usd' }, { idempotencyKey: key }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(error).toMatchObject({ statusCode: 400, type: 'StripeIdempotencyError', code: 'idempotency_error' });
    const sameKeyOtherPath = await raw(secretKey, 'POST', `/v1/payment_intents/${created.id}/confirm`, { key, form: 'payment_method=pm_card_visa' });
    expect(sameKeyOtherPath.status).toBe(400);
    expect(sameKeyOtherPath.body.error).toMatchObject({ type: 'idempotency_error', code: 'idempotency_error' });
    expect((await stripe.paymentIntents.retrieve(created.id)).status).toBe('requires_payment_method');
  });

  it('replays a refusal the endpoint gave (a 400 for the wrong state, a 402 decline) instead of running again', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 1500, currency: 'usd', allowed_payment_method_types: ['card'] });
    const declineKey = randomUUID();
    const declined = await raw(secretKey, 'POST', `/v1/payment_intents/${intent.id}/confirm`, { key: declineKey, form: 'payment_method=pm_card_chargeDeclined' });
    expect(declined.status).toBe(402);
    expect(declined.body.error).toMatchObject({ type: 'card_error', code: 'card_declined' });
    const declinedAgain = await stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_chargeDeclined' }, { idempotencyKey: declineKey }).catch((e: unknown) => e);
    expect(declinedAgain).toBeInstanceOf(Stripe.errors.StripeCardError);
    const cardError = declinedAgain as Stripe.errors.StripeCardError;
    expect(cardError.headers?.['idempotent-replayed']).toBe('true');
    expect(cardError.raw).toMatchObject(declined.body.error!);
    expect((cardError.raw as { request_id?: string }).request_id).toBe(declined.headers.get('request-id'));

    await stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' });
    const stateKey = randomUUID();
    const wrongState = await raw(secretKey, 'POST', `/v1/payment_intents/${intent.id}/confirm`, { key: stateKey, form: 'payment_method=pm_card_visa' });
    expect(wrongState.status).toBe(400);
    expect(wrongState.body.error).toMatchObject({ type: 'invalid_request_error', code: 'payment_intent_unexpected_state' });
    const wrongStateAgain = await raw(secretKey, 'POST', `/v1/payment_intents/${intent.id}/confirm`, { key: stateKey, form: 'payment_method=pm_card_visa' });
    expect(wrongStateAgain.status).toBe(400);
    expect(wrongStateAgain.text).toBe(wrongState.text);
    expect(wrongStateAgain.headers.get('idempotent-replayed')).toBe('true');
  });

  it('keeps nothing for a request that failed validation, as Stripe: the corrected request may use the key', async () => {
    const key = randomUUID();
    const invalid = await stripe.paymentIntents.create({ amount: -5, currency: 'usd' }, { idempotencyKey: key }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect((invalid as Stripe.errors.StripeInvalidRequestError).param).toBe('amount');
    const corrected = await stripe.paymentIntents.create({ amount: 500, currency: 'usd' }, { idempotencyKey: key });
    expect(corrected).toMatchObject({ object: 'payment_intent', amount: 500 });
    expect(corrected.lastResponse.headers['idempotent-replayed']).toBeUndefined();
  });

  it('scopes a key to its merchant: another merchant with the same key gets its own result', async () => {
    const key = randomUUID();
    const params = { amount: 700, currency: 'usd' };
    const mine = await stripe.paymentIntents.create(params, { idempotencyKey: key });
    const theirs = await stripeClient(other.secret_key).paymentIntents.create(params, { idempotencyKey: key });
    expect(theirs.id).not.toBe(mine.id);
    expect(theirs.lastResponse.headers['idempotent-replayed']).toBeUndefined();
    const mineAgain = await stripe.paymentIntents.create(params, { idempotencyKey: key });
    expect(mineAgain.id).toBe(mine.id);
    await expect(stripe.paymentIntents.retrieve(theirs.id)).rejects.toMatchObject({ statusCode: 404 });
  });

  it('creates exactly one payment intent from 20 concurrent requests with one key', async () => {
    const merchant = await createMerchant('Idempotency Concurrency');
    const key = randomUUID();
    const form = `amount=4200&currency=usd&metadata[key]=${key}`;
    const responses = await Promise.all(Array.from({ length: 20 }, () => raw(merchant.secret_key, 'POST', '/v1/payment_intents', { key, form })));

    const created = responses.filter((r) => r.status === 200 && r.headers.get('idempotent-replayed') === null);
    expect(created).toHaveLength(1);
    for (const response of responses) {
      if (response.status === 409) expect(response.body.error).toMatchObject({ type: 'idempotency_error', code: 'idempotency_key_in_use' });
      else expect(response).toMatchObject({ status: 200, body: { id: created[0].body.id } });
    }
    const intents = await allIntents(stripeClient(merchant.secret_key));
    expect(intents.map((intent) => intent.id)).toEqual([created[0].body.id]);
  });

  it('works with the Stripe SDK retrying: concurrent duplicates retry their 409 and get the one object', async () => {
    const merchant = await createMerchant('Idempotency SDK Retries');
    const retrying = new Stripe(merchant.secret_key, { ...stripeConnection(), maxNetworkRetries: 5 });
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 8 }, () => retrying.paymentIntents.create({ amount: 900, currency: 'usd' }, { idempotencyKey: key })));
    expect(new Set(results.map((intent) => intent.id)).size).toBe(1);
    expect((await allIntents(retrying)).map((intent) => intent.id)).toEqual([results[0].id]);

    // Without a key of the caller's, the SDK keys every POST itself, so that its own retries are safe.
    const automatic = await retrying.paymentIntents.create({ amount: 900, currency: 'usd' });
    expect(automatic.lastResponse.headers['idempotency-key']).toMatch(/^stripe-node-retry-/);
  });

  it('ignores the header on GET: a retrieve is never replayed', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 1200, currency: 'usd', allowed_payment_method_types: ['card'] });
    const key = randomUUID();
    const before = await raw(secretKey, 'GET', `/v1/payment_intents/${intent.id}`, { key });
    await stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' });
    const after = await raw(secretKey, 'GET', `/v1/payment_intents/${intent.id}`, { key });
    expect(before.body.status).toBe('requires_payment_method');
    expect(after.body.status).toBe('succeeded');
    expect(after.headers.get('idempotent-replayed')).toBeNull();
  });

  it('refuses a key longer than 255 characters', async () => {
    const response = await raw(secretKey, 'POST', '/v1/payment_intents', { key: 'k'.repeat(256), form: 'amount=100&currency=usd' });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ type: 'idempotency_error' });
  });
});

function stripeConnection(): { host: string; port: number; protocol: 'http' | 'https' } {
  const url = new URL(baseUrl);
  return { host: url.hostname, port: Number(url.port), protocol: url.protocol.replace(':', '') as 'http' | 'https' };
}
