import Stripe from 'stripe';
import type { ApiKeyResource } from '@payrail/contracts';
import { createMerchant, stripeClient, type MerchantCredentials } from '@payrail/testing';

const baseUrl = process.env.PAYRAIL_TEST_BASE_URL!;

interface Answer<T = Record<string, unknown>> {
  status: number;
  text: string;
  body: T;
}

type Auth = { bearer: string } | { basic: string };

/** The Stripe SDK has no api_keys resource: plain HTTP, with the key as Bearer or as Basic username. */
async function call<T = Record<string, unknown>>(auth: Auth, method: string, path: string, form?: Record<string, string>): Promise<Answer<T>> {
  const authorization = 'bearer' in auth ? `Bearer ${auth.bearer}` : `Basic ${Buffer.from(`${auth.basic}:`).toString('base64')}`;
  const headers: Record<string, string> = { Authorization: authorization };
  if (form) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body: form ? new URLSearchParams(form).toString() : undefined });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as T };
}

async function createKey(secretKey: string, form: Record<string, string>): Promise<ApiKeyResource> {
  const answer = await call<ApiKeyResource>({ bearer: secretKey }, 'POST', '/v1/api_keys', form);
  expect(answer.status).toBe(200);
  return answer.body;
}

/** Polls until the key is refused: the edge caches a verified key for 5 s, no longer. */
async function refusedWithin(key: string, ms: number): Promise<{ elapsed: number; status: number; code: unknown }> {
  const start = Date.now();
  for (;;) {
    const answer = await call<{ error: { code: string } }>({ bearer: key }, 'GET', '/v1/payment_intents?limit=1');
    if (answer.status !== 200) return { elapsed: Date.now() - start, status: answer.status, code: answer.body.error?.code };
    if (Date.now() - start > ms) return { elapsed: Date.now() - start, status: answer.status, code: null };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function works(key: string): Promise<number> {
  return (await call({ bearer: key }, 'GET', '/v1/payment_intents?limit=1')).status;
}

describe('API keys through the API', () => {
  let acme: MerchantCredentials;

  beforeAll(async () => {
    acme = await createMerchant('Api Keys Acme');
  });

  it('creates a key, shows it in full once, and lists keys by prefix and last four only', async () => {
    const created = await createKey(acme.secret_key, { type: 'secret', livemode: 'false', name: 'CI deploys' });
    expect(created).toMatchObject({ object: 'api_key', type: 'secret', livemode: false, name: 'CI deploys', prefix: 'sk_test_', status: 'active', expires_at: null });
    expect(created.id).toMatch(/^key_[0-9A-Za-z]{24}$/);
    expect(created.secret).toMatch(/^sk_test_[0-9A-Za-z]{40,}$/);
    expect(created.last4).toBe(created.secret!.slice(-4));
    expect(created.redacted_key).toBe(`sk_test_****${created.last4}`);
    expect(await works(created.secret!)).toBe(200);

    const retrieved = await call<ApiKeyResource>({ bearer: acme.secret_key }, 'GET', `/v1/api_keys/${created.id}`);
    expect(retrieved.status).toBe(200);
    expect(retrieved.body).toEqual({ ...created, secret: undefined, created: created.created });
    expect(retrieved.body).not.toHaveProperty('secret');

    const listed = await call<{ object: string; data: ApiKeyResource[] }>({ basic: acme.secret_key }, 'GET', '/v1/api_keys?limit=100');
    expect(listed.status).toBe(200);
    expect(listed.body.object).toBe('list');
    // The two bootstrap keys and the new one, none of them in full.
    expect(listed.body.data.map((key) => key.id)).toContain(created.id);
    expect(listed.body.data.map((key) => `${key.type}:${key.livemode}`).sort()).toEqual(['publishable:false', 'secret:false', 'secret:false']);
    for (const key of listed.body.data) expect(key).not.toHaveProperty('secret');
    for (const full of [created.secret!, acme.secret_key, acme.publishable_key]) expect(listed.text).not.toContain(full);
    expect(listed.body.data.map((key) => key.redacted_key)).toContain(`sk_test_****${acme.secret_key.slice(-4)}`);
  });

  it('rolls with an overlap: both keys work until the old one expires', async () => {
    const old = await createKey(acme.secret_key, { type: 'secret' });
    const before = Math.floor(Date.now() / 1000);
    const rolled = await call<ApiKeyResource>({ bearer: acme.secret_key }, 'POST', `/v1/api_keys/${old.id}/roll`, { expires_in_seconds: '3600' });
    expect(rolled.status).toBe(200);
    expect(rolled.body).toMatchObject({ object: 'api_key', type: 'secret', livemode: false, status: 'active' });
    expect(rolled.body.id).not.toBe(old.id);
    expect(rolled.body.secret).toMatch(/^sk_test_/);
    expect(await works(old.secret!)).toBe(200);
    expect(await works(rolled.body.secret!)).toBe(200);

    const oldNow = (await call<ApiKeyResource>({ bearer: acme.secret_key }, 'GET', `/v1/api_keys/${old.id}`)).body;
    expect(oldNow.status).toBe('expiring');
    expect(oldNow.expires_at).toBeGreaterThanOrEqual(before + 3599);
    expect(oldNow.expires_at).toBeLessThanOrEqual(before + 3602);

    const again = await call<{ error: { code: string } }>({ bearer: acme.secret_key }, 'POST', `/v1/api_keys/${old.id}/roll`);
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('api_key_unexpected_state');
  });

  it('rolls immediately by default: the old key is refused within seconds, the new one works', async () => {
    const old = await createKey(acme.secret_key, { type: 'secret' });
    expect(await works(old.secret!)).toBe(200); // now in the edge's cache
    const rolled = await call<ApiKeyResource>({ bearer: acme.secret_key }, 'POST', `/v1/api_keys/${old.id}/roll`);
    expect(rolled.status).toBe(200);
    expect(await works(rolled.body.secret!)).toBe(200);
    const refused = await refusedWithin(old.secret!, 6_500);
    expect({ status: refused.status, code: refused.code }).toEqual({ status: 401, code: 'api_key_invalid' });
    expect(refused.elapsed).toBeLessThan(6_500);
    expect((await call<ApiKeyResource>({ bearer: acme.secret_key }, 'GET', `/v1/api_keys/${old.id}`)).body.status).toBe('expired');
  });

  it('a roll with a short overlap stops the old key at its expiry, not at the end of a cache window', async () => {
    const old = await createKey(acme.secret_key, { type: 'secret' });
    const rolled = await call<ApiKeyResource>({ bearer: acme.secret_key }, 'POST', `/v1/api_keys/${old.id}/roll`, { expires_in_seconds: '2' });
    expect(rolled.status).toBe(200);
    expect(await works(old.secret!)).toBe(200); // cached now, with its expiry
    const refused = await refusedWithin(old.secret!, 6_500);
    expect({ status: refused.status, code: refused.code }).toEqual({ status: 401, code: 'api_key_invalid' });
    expect(refused.elapsed).toBeLessThan(3_500);
  });

  it('revokes a key, which is refused with 401 within about six seconds even while in use', async () => {
    const key = await createKey(acme.secret_key, { type: 'secret', name: 'to revoke' });
    expect(await works(key.secret!)).toBe(200);
    const revoked = await call<ApiKeyResource>({ bearer: acme.secret_key }, 'DELETE', `/v1/api_keys/${key.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: key.id, status: 'revoked' });
    expect(revoked.body.revoked_at).toEqual(expect.any(Number));
    const refused = await refusedWithin(key.secret!, 6_500);
    expect({ status: refused.status, code: refused.code }).toEqual({ status: 401, code: 'api_key_invalid' });

    const rollRevoked = await call<{ error: { code: string } }>({ bearer: acme.secret_key }, 'POST', `/v1/api_keys/${key.id}/roll`);
    expect(rollRevoked.body.error.code).toBe('api_key_unexpected_state');
    expect(await works(acme.secret_key)).toBe(200);
  });

  it('lets only a secret key manage keys', async () => {
    const asPublishable = await call<{ error: { code: string } }>({ bearer: acme.publishable_key }, 'POST', '/v1/api_keys', { type: 'secret' });
    expect(asPublishable.status).toBe(403);
    expect(asPublishable.body.error.code).toBe('permission_denied');
    expect((await call({ bearer: acme.publishable_key }, 'GET', '/v1/api_keys')).status).toBe(403);
  });

  it('refuses bad input with a 400 and creates nothing', async () => {
    const before = (await call<{ data: ApiKeyResource[] }>({ bearer: acme.secret_key }, 'GET', '/v1/api_keys?limit=100')).body.data.length;
    const forms: Record<string, string>[] = [{ type: 'restricted' }, {}, { type: 'secret', livemode: 'maybe' }, { type: 'secret', name: 'x'.repeat(201) }];
    for (const form of forms) {
      const answer = await call<{ error: { type: string } }>({ bearer: acme.secret_key }, 'POST', '/v1/api_keys', form);
      expect({ form, status: answer.status, type: answer.body.error.type }).toEqual({ form, status: 400, type: 'invalid_request_error' });
    }
    const key = (await call<{ data: ApiKeyResource[] }>({ bearer: acme.secret_key }, 'GET', '/v1/api_keys?limit=1')).body.data[0]!;
    for (const seconds of ['-1', '604801', 'soon']) {
      const answer = await call({ bearer: acme.secret_key }, 'POST', `/v1/api_keys/${key.id}/roll`, { expires_in_seconds: seconds });
      expect({ seconds, status: answer.status }).toEqual({ seconds, status: 400 });
    }
    expect((await call<{ data: ApiKeyResource[] }>({ bearer: acme.secret_key }, 'GET', '/v1/api_keys?limit=100')).body.data.length).toBe(before);
  });

  it("answers another merchant's key as if it did not exist, and leaves it working", async () => {
    const other = await createMerchant('Api Keys Other');
    const theirs = await createKey(other.secret_key, { type: 'secret' });
    for (const [method, path] of [
      ['GET', `/v1/api_keys/${theirs.id}`],
      ['POST', `/v1/api_keys/${theirs.id}/roll`],
      ['DELETE', `/v1/api_keys/${theirs.id}`],
    ] as const) {
      const answer = await call<{ error: { code: string; message: string } }>({ bearer: acme.secret_key }, method, path);
      expect({ method, status: answer.status, code: answer.body.error.code, message: answer.body.error.message }).toEqual({
        method,
        status: 404,
        code: 'resource_missing',
        message: `No such api_key: '${theirs.id}'`,
      });
    }
    const mine = (await call<{ data: ApiKeyResource[] }>({ bearer: acme.secret_key }, 'GET', '/v1/api_keys?limit=100')).body.data;
    expect(mine.map((key) => key.id)).not.toContain(theirs.id);
    expect(await works(theirs.secret!)).toBe(200);
  });
});

describe('GET /v1/account', () => {
  it("returns the caller's merchant, shaped as Stripe's account, through the SDK", async () => {
    const merchant = await createMerchant('Account Profile Co');
    const account = await stripeClient(merchant.secret_key).accounts.retrieveCurrent();
    expect(account).toMatchObject({ id: merchant.merchant_id, object: 'account', business_profile: { name: 'Account Profile Co' }, livemode: false });
    expect(account.created).toEqual(expect.any(Number));
    expect(Math.abs(account.created! - Date.now() / 1000)).toBeLessThan(600);
    const other = await createMerchant('Someone Else');
    expect((await stripeClient(other.secret_key).accounts.retrieveCurrent()).id).toBe(other.merchant_id);
  });

  it('needs an API key', async () => {
    const response = await fetch(`${baseUrl}/v1/account`);
    expect(response.status).toBe(401);
  });
});

describe('test keys see only test objects, live keys only live ones', () => {
  it('lets only a live key manage live keys, so a leaked test key is no way into live mode', async () => {
    const merchant = await createMerchant('Live Keys Co', { live: true });
    const refused = await fetch(`${baseUrl}/v1/api_keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${merchant.secret_key}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'type=secret&livemode=true',
    });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('permission_denied');
    const liveKey = await createKey(merchant.live_secret_key!, { type: 'secret', livemode: 'true', name: 'live server' });
    expect(liveKey).toMatchObject({ livemode: true, prefix: 'sk_live_' });
    expect(liveKey.secret).toMatch(/^sk_live_/);
  });

  it('keeps payment intents of one mode out of reach of the other mode', async () => {
    const merchant = await createMerchant('Modes Co', { live: true });
    expect(merchant.live_secret_key).toMatch(/^sk_live_/);
    const live = stripeClient(merchant.live_secret_key!);
    const test = stripeClient(merchant.secret_key);

    // A live intent must be routable: the merchant has a live Stripe account (only its key's shape is checked here).
    const stripeAccount = await fetch(`${baseUrl}/v1/gateway_accounts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${merchant.live_secret_key}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'gateway=stripe&credentials[secret_key]=sk_live_modesCoStripeKey01',
    });
    expect(stripeAccount.status).toBe(200);
    const liveIntent = await live.paymentIntents.create({ amount: 4200, currency: 'usd' });
    const testIntent = await test.paymentIntents.create({ amount: 1300, currency: 'usd' });
    expect(liveIntent.livemode).toBe(true);
    expect(testIntent.livemode).toBe(false);
    expect((await live.paymentIntents.retrieve(liveIntent.id)).id).toBe(liveIntent.id);

    for (const [client, id] of [[test, liveIntent.id], [live, testIntent.id]] as const) {
      const error = await client.paymentIntents.retrieve(id).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect(error).toMatchObject({ statusCode: 404, code: 'resource_missing' });
    }
    expect((await live.paymentIntents.list({ limit: 100 })).data.map((intent) => intent.id)).toEqual([liveIntent.id]);
    expect((await test.paymentIntents.list({ limit: 100 })).data.map((intent) => intent.id)).toEqual([testIntent.id]);

    const account = await live.accounts.retrieveCurrent();
    expect(account).toMatchObject({ id: merchant.merchant_id, livemode: true });
  });
});
