import { randomBytes } from 'node:crypto';
import type { GatewayAccountResource, GatewayResource } from '@payrail/contracts';
import { createMerchant, stripeClient, type MerchantCredentials } from '@payrail/testing';

const baseUrl = process.env.PAYRAIL_TEST_BASE_URL!;

interface Answer<T = Record<string, unknown>> {
  status: number;
  text: string;
  body: T;
}

type ErrorBody = { error: { type: string; code: string; param?: string; message: string } };

/** The Stripe SDK has no gateway accounts: plain HTTP, form-encoded (as Stripe's API takes it) or JSON. */
async function call<T = Record<string, unknown>>(key: string, method: string, path: string, body?: { form: Record<string, string> } | { json: unknown }): Promise<Answer<T>> {
  const headers: Record<string, string> = { Authorization: `Bearer ${key}` };
  let payload: string | undefined;
  if (body && 'form' in body) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    payload = new URLSearchParams(body.form).toString();
  } else if (body) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body.json);
  }
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body: payload });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as T };
}

describe('gateway accounts through the API', () => {
  let acme: MerchantCredentials;
  let rival: MerchantCredentials;
  const webhookSecret = `whsec_${randomBytes(24).toString('hex')}`;
  const rotatedSecret = `whsec_${randomBytes(24).toString('hex')}`;
  const answers: string[] = [];

  async function as<T = Record<string, unknown>>(key: string, method: string, path: string, body?: { form: Record<string, string> } | { json: unknown }): Promise<Answer<T>> {
    const answer = await call<T>(key, method, path, body);
    answers.push(answer.text);
    return answer;
  }

  beforeAll(async () => {
    [acme, rival] = await Promise.all([createMerchant('Gateway Accounts Acme'), createMerchant('Gateway Accounts Rival')]);
  });

  afterAll(() => {
    // No answer of any test here carried a secret the merchant sent.
    for (const text of answers) for (const secret of [webhookSecret, rotatedSecret]) expect(text).not.toContain(secret);
  });

  it('creates an account from a form, and another from JSON, showing hints and the callback URL, never a secret', async () => {
    const form = await as<GatewayAccountResource>(acme.secret_key, 'POST', '/v1/gateway_accounts', {
      form: { gateway: 'sandbox', webhook_secret: webhookSecret, 'metadata[region]': 'eu' },
    });
    expect(form.status).toBe(200);
    expect(form.body).toMatchObject({
      object: 'gateway_account',
      gateway: 'sandbox',
      livemode: false,
      enabled: true,
      credentials: {},
      webhook_secret: `whsec_…${webhookSecret.slice(-4)}`,
      metadata: { region: 'eu' },
    });
    expect(form.body.id).toMatch(/^ga_[0-9A-Za-z]{24}$/);
    expect(form.body.callback_url).toMatch(new RegExp(`^https?://[^/]+/v1/callbacks/sandbox/${form.body.id}$`));
    expect(form.body.created).toBeGreaterThan(Date.now() / 1000 - 600);

    const json = await as<GatewayAccountResource>(acme.secret_key, 'POST', '/v1/gateway_accounts', { json: { gateway: 'sandbox', enabled: false, metadata: { region: 'us' } } });
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({ gateway: 'sandbox', enabled: false, webhook_secret: null, metadata: { region: 'us' } });
  });

  it('lists, retrieves, updates and deletes an account', async () => {
    const created = (await as<GatewayAccountResource>(acme.secret_key, 'POST', '/v1/gateway_accounts', { form: { gateway: 'sandbox', 'metadata[stage]': 'one' } })).body;

    const listed = await as<{ object: string; data: GatewayAccountResource[]; url: string }>(acme.secret_key, 'GET', '/v1/gateway_accounts?limit=100');
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({ object: 'list', url: '/v1/gateway_accounts' });
    expect(listed.body.data[0]).toEqual(created);

    const retrieved = await as<GatewayAccountResource>(acme.secret_key, 'GET', `/v1/gateway_accounts/${created.id}`);
    expect(retrieved.body).toEqual(created);

    const updated = await as<GatewayAccountResource>(acme.secret_key, 'POST', `/v1/gateway_accounts/${created.id}`, {
      form: { enabled: 'false', webhook_secret: rotatedSecret, 'metadata[stage]': '', 'metadata[owner]': 'ops' },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: created.id, enabled: false, webhook_secret: `whsec_…${rotatedSecret.slice(-4)}`, metadata: { owner: 'ops' } });
    const cleared = await as<GatewayAccountResource>(acme.secret_key, 'POST', `/v1/gateway_accounts/${created.id}`, { json: { webhook_secret: '', enabled: true } });
    expect(cleared.body).toMatchObject({ enabled: true, webhook_secret: null });

    const deleted = await as(acme.secret_key, 'DELETE', `/v1/gateway_accounts/${created.id}`);
    expect(deleted).toMatchObject({ status: 200, body: { id: created.id, object: 'gateway_account', deleted: true } });
    const gone = await as<ErrorBody>(acme.secret_key, 'GET', `/v1/gateway_accounts/${created.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('resource_missing');
    const relisted = await as<{ data: GatewayAccountResource[] }>(acme.secret_key, 'GET', '/v1/gateway_accounts?limit=100');
    expect(relisted.body.data.map((account) => account.id)).not.toContain(created.id);
  });

  it('refuses bad input with a 400 naming the parameter', async () => {
    const cases: Array<[Record<string, string> | { json: unknown }, string, string]> = [
      [{}, 'parameter_missing', 'gateway'],
      [{ gateway: 'bogus' }, 'parameter_invalid', 'gateway'],
      [{ gateway: 'sandbox', 'credentials[secret_key]': 'sk_test_not_for_the_sandbox' }, 'parameter_unknown', 'credentials[secret_key]'],
      [{ gateway: 'sandbox', enabled: 'maybe' }, 'parameter_invalid', 'enabled'],
      [{ gateway: 'sandbox', credentials: 'sk_test_flat' }, 'parameter_invalid', 'credentials'],
      [{ gateway: 'sandbox', surprise: 'yes' }, 'parameter_unknown', 'surprise'],
      [{ json: { gateway: 'sandbox', credentials: { secret_key: 42 } } }, 'parameter_invalid', 'credentials'],
    ];
    for (const [body, code, param] of cases) {
      const answer = await as<ErrorBody>(acme.secret_key, 'POST', '/v1/gateway_accounts', 'json' in body ? (body as { json: unknown }) : { form: body as Record<string, string> });
      expect({ status: answer.status, code: answer.body.error?.code, param: answer.body.error?.param, type: answer.body.error?.type }).toEqual({
        status: 400,
        code,
        param,
        type: 'invalid_request_error',
      });
      expect(answer.text).not.toContain('sk_test_not_for_the_sandbox');
    }
  });

  it('keeps each merchant\'s accounts to itself: another merchant\'s account is a 404', async () => {
    const mine = (await as<GatewayAccountResource>(acme.secret_key, 'POST', '/v1/gateway_accounts', { form: { gateway: 'sandbox' } })).body;
    for (const [method, body] of [['GET', undefined], ['POST', { form: { enabled: 'false' } }], ['DELETE', undefined]] as const) {
      const answer = await as<ErrorBody>(rival.secret_key, method, `/v1/gateway_accounts/${mine.id}`, body);
      expect([method, answer.status, answer.body.error?.code]).toEqual([method, 404, 'resource_missing']);
    }
    const rivalList = await as<{ data: GatewayAccountResource[] }>(rival.secret_key, 'GET', '/v1/gateway_accounts?limit=100');
    expect(rivalList.body.data).toEqual([]);
    expect((await as<GatewayAccountResource>(acme.secret_key, 'GET', `/v1/gateway_accounts/${mine.id}`)).body.enabled).toBe(true);
  });

  it('lists the supported gateways with their capabilities; the sandbox is configured in test mode', async () => {
    const answer = await as<{ object: string; data: GatewayResource[] }>(rival.secret_key, 'GET', '/v1/gateways');
    expect(answer.status).toBe(200);
    const sandbox = answer.body.data.find((gateway) => gateway.id === 'sandbox');
    expect(sandbox).toEqual({
      id: 'sandbox',
      object: 'gateway',
      capabilities: {
        payment_method_types: ['card'],
        currencies: ['*'],
        countries: ['*'],
        manual_capture: true,
        partial_capture: true,
        refunds: true,
        partial_refunds: true,
        three_d_secure: true,
      },
      credential_fields: [],
      configured: true,
    });
  });

  it('pays through the merchant\'s account and refunds through it', async () => {
    const stripe = stripeClient(acme.secret_key);
    const intent = await stripe.paymentIntents.create({ amount: 2500, currency: 'gbp', payment_method: 'pm_card_visa', confirm: true });
    expect(intent.status).toBe('succeeded');
    const refund = await stripe.refunds.create({ payment_intent: intent.id, amount: 1000 });
    expect(refund.status).toBe('succeeded');
  });
});
