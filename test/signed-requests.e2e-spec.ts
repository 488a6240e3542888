import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { signRequest } from '@payrail/signing';
import { createMerchant, stripeClient, type MerchantCredentials } from '@payrail/testing';

const baseUrl = process.env.PAYRAIL_TEST_BASE_URL!;

interface SignedCall {
  body?: string;
  contentType?: string;
  /** Seconds from now. */
  skew?: number;
  nonce?: string;
  keyId?: string;
  /** Signs with this instead of the key's secret. */
  secret?: string;
  /** Sends this path rather than the one signed. */
  sentPath?: string;
  /** Sends this body rather than the one signed. */
  sentBody?: string;
  omit?: string[];
}

interface Answer {
  status: number;
  text: string;
  body: { id?: string; object?: string; data?: Array<{ id: string }>; error?: { type: string; code: string; message: string } };
}

/** A request signed the way a merchant's server signs it, sent with fetch. */
async function signed(credentials: MerchantCredentials, method: string, path: string, call: SignedCall = {}): Promise<Answer> {
  const timestamp = String(Math.floor(Date.now() / 1000) + (call.skew ?? 0));
  const nonce = call.nonce ?? randomUUID();
  const body = call.body ?? '';
  const signature = signRequest(call.secret ?? credentials.signing_secret, { method, path, timestamp, nonce, rawBody: body });
  const headers: Record<string, string> = {
    'X-API-KEY': call.keyId ?? credentials.signing_key,
    'X-API-TIMESTAMP': timestamp,
    'X-API-NONCE': nonce,
    'X-API-SIGNATURE': signature,
  };
  for (const name of call.omit ?? []) delete headers[name];
  const sentBody = call.sentBody ?? body;
  if (sentBody !== '') headers['Content-Type'] = call.contentType ?? 'application/x-www-form-urlencoded';
  const response = await fetch(`${baseUrl}${call.sentPath ?? path}`, { method, headers, body: sentBody === '' ? undefined : sentBody });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) };
}

function expectRefusal(answer: Answer, code: string): void {
  expect({ status: answer.status, type: answer.body.error?.type, code: answer.body.error?.code }).toEqual({ status: 401, type: 'authentication_error', code });
}

describe('HMAC-signed requests', () => {
  const sandbox = JSON.parse(process.env.PAYRAIL_TEST_CREDENTIALS!) as MerchantCredentials;
  let other: MerchantCredentials;

  beforeAll(async () => {
    other = await createMerchant('Signed Requests Other');
  });

  it('creates a payment intent from a signed form-encoded POST, for the signing key’s merchant', async () => {
    const run = randomUUID();
    const created = await signed(sandbox, 'POST', '/v1/payment_intents', { body: `amount=2500&currency=usd&metadata[run]=${run}` });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ object: 'payment_intent', amount: 2500, currency: 'usd', metadata: { run }, livemode: false });
    const retrieved = await stripeClient(sandbox.secret_key).paymentIntents.retrieve(created.body.id!);
    expect(retrieved.metadata.run).toBe(run);
  });

  it('accepts a signed JSON body too', async () => {
    const created = await signed(sandbox, 'POST', '/v1/payment_intents', { body: JSON.stringify({ amount: 700, currency: 'eur' }), contentType: 'application/json' });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ object: 'payment_intent', amount: 700, currency: 'eur' });
  });

  it('answers a signed GET whose path carries a query string', async () => {
    const created = await signed(sandbox, 'POST', '/v1/payment_intents', { body: 'amount=900&currency=usd' });
    const listed = await signed(sandbox, 'GET', '/v1/payment_intents?limit=3');
    expect(listed.status).toBe(200);
    expect(listed.body.object).toBe('list');
    expect(listed.body.data!.length).toBeLessThanOrEqual(3);
    expect(listed.body.data!.map((intent) => intent.id)).toContain(created.body.id);

    const retrieved = await signed(sandbox, 'GET', `/v1/payment_intents/${created.body.id}?expand[]=latest_charge`);
    expect(retrieved.status).toBe(200);
    expect(retrieved.body.id).toBe(created.body.id);
  });

  it('keeps merchants apart: another merchant’s signing key does not see the object', async () => {
    const created = await signed(sandbox, 'POST', '/v1/payment_intents', { body: 'amount=1100&currency=usd' });
    const snooped = await signed(other, 'GET', `/v1/payment_intents/${created.body.id}`);
    expect(snooped.status).toBe(404);
    expect(snooped.body.error?.code).toBe('resource_missing');
  });

  it('refuses an unknown signing key, and an API key sent where the signing key goes', async () => {
    expectRefusal(await signed(sandbox, 'GET', '/v1/payment_intents', { keyId: 'hk_doesnotexist000000' }), 'signing_key_invalid');
    expectRefusal(await signed(sandbox, 'GET', '/v1/payment_intents', { keyId: sandbox.secret_key }), 'signing_key_invalid');
  });

  it('refuses a wrong signature, a changed body and a changed query, without revealing the secret or the expected signature', async () => {
    const wrongSecret = await signed(sandbox, 'POST', '/v1/payment_intents', { body: 'amount=100&currency=usd', secret: other.signing_secret });
    expectRefusal(wrongSecret, 'signature_invalid');
    expect(wrongSecret.text).not.toContain(sandbox.signing_secret);
    expect(wrongSecret.text).not.toMatch(/[0-9a-f]{64}/);

    const otherKeysSecret = await signed(sandbox, 'GET', '/v1/payment_intents', { keyId: other.signing_key });
    expectRefusal(otherKeysSecret, 'signature_invalid');

    const tampered = await signed(sandbox, 'POST', '/v1/payment_intents', { body: 'amount=100&currency=usd', sentBody: 'amount=100000&currency=usd' });
    expectRefusal(tampered, 'signature_invalid');

    const requeried = await signed(sandbox, 'GET', '/v1/payment_intents?limit=1', { sentPath: '/v1/payment_intents?limit=100' });
    expectRefusal(requeried, 'signature_invalid');
  });

  it('refuses a timestamp more than 300 seconds away, in either direction', async () => {
    expectRefusal(await signed(sandbox, 'GET', '/v1/payment_intents', { skew: -301 }), 'timestamp_out_of_range');
    expectRefusal(await signed(sandbox, 'GET', '/v1/payment_intents', { skew: 360 }), 'timestamp_out_of_range');
    expect((await signed(sandbox, 'GET', '/v1/payment_intents', { skew: -240 })).status).toBe(200);
  });

  it('refuses a replayed nonce, so a captured request cannot be sent twice', async () => {
    const nonce = randomUUID();
    const first = await signed(sandbox, 'POST', '/v1/payment_intents', { body: 'amount=1300&currency=usd', nonce });
    expect(first.status).toBe(200);
    const replayed = await signed(sandbox, 'POST', '/v1/payment_intents', { body: 'amount=1300&currency=usd', nonce });
    expectRefusal(replayed, 'nonce_reused');
    // Nonces belong to a signing key: another merchant's may use the same one.
    expect((await signed(other, 'GET', '/v1/payment_intents', { nonce })).status).toBe(200);
  });

  it('does not use up a nonce on a request that fails the signature check', async () => {
    const nonce = randomUUID();
    expectRefusal(await signed(sandbox, 'GET', '/v1/payment_intents', { nonce, secret: 'guessed' }), 'signature_invalid');
    expect((await signed(sandbox, 'GET', '/v1/payment_intents', { nonce })).status).toBe(200);
  });

  it('keeps used nonces in the edge’s schema of the shared database, where every replica sees them', async () => {
    const nonce = randomUUID();
    expect((await signed(sandbox, 'GET', '/v1/payment_intents', { nonce })).status).toBe(200);
    const client = new pg.Client({ connectionString: process.env.PAYRAIL_TEST_DATABASE_URL });
    await client.connect();
    try {
      const rows = await client.query(`SELECT "expires_at" FROM "gateway"."request_nonces" WHERE "key_id" = $1 AND "nonce" = $2`, [sandbox.signing_key, nonce]);
      expect(rows.rowCount).toBe(1);
      expect(new Date(rows.rows[0].expires_at).getTime()).toBeGreaterThan(Date.now() + 240_000);
    } finally {
      await client.end();
    }
  });

  it('names the missing headers', async () => {
    const answer = await signed(sandbox, 'GET', '/v1/payment_intents', { omit: ['X-API-NONCE', 'X-API-TIMESTAMP'] });
    expectRefusal(answer, 'authentication_required');
    expect(answer.body.error?.message).toContain('missing: X-API-TIMESTAMP, X-API-NONCE');
  });
});
