import type { GatewayAccountResource, GatewayHealthResource, RoutingRuleResource } from '@payrail/contracts';
import { createMerchant, stripeClient, type MerchantCredentials } from '@payrail/testing';

const baseUrl = process.env.PAYRAIL_TEST_BASE_URL!;

interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

type ErrorBody = { error: { type: string; code: string; param?: string; message: string } };
type List<T> = { object: 'list'; data: T[]; has_more: boolean; url: string };

/** The Stripe SDK has no routing rules: plain HTTP, form-encoded (as Stripe's API takes it) or JSON. */
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
  return { status: response.status, body: JSON.parse(await response.text()) as T };
}

describe('routing rules and gateway health through the API', () => {
  let acme: MerchantCredentials;
  let rival: MerchantCredentials;
  let primary: string;
  let fallback: string;
  let disabled: string;
  let rivalAccount: string;

  const newAccount = async (merchant: MerchantCredentials, enabled = true) =>
    (await call<GatewayAccountResource>(merchant.secret_key, 'POST', '/v1/gateway_accounts', { json: { gateway: 'sandbox', enabled } })).body.id;

  beforeAll(async () => {
    [acme, rival] = await Promise.all([createMerchant('Routing Rules Acme'), createMerchant('Routing Rules Rival')]);
    primary = await newAccount(acme);
    fallback = await newAccount(acme);
    disabled = await newAccount(acme, false);
    rivalAccount = await newAccount(rival);
  });

  it('creates a rule from a form and another from JSON, lists, retrieves, updates and deletes them', async () => {
    const form = await call<RoutingRuleResource>(acme.secret_key, 'POST', '/v1/routing_rules', {
      form: {
        gateway_account: primary,
        'fallback_gateway_accounts[]': fallback,
        'payment_method_types[]': 'card',
        'currencies[0]': 'USD',
        'currencies[1]': 'eur',
        amount_min: '100',
        amount_max: '500000',
        'match_metadata[channel]': 'web',
      },
    });
    expect(form.status).toBe(200);
    expect(form.body).toMatchObject({
      object: 'routing_rule',
      livemode: false,
      priority: 0,
      payment_method_types: ['card'],
      currencies: ['usd', 'eur'],
      amount_min: 100,
      amount_max: 500000,
      match_metadata: { channel: 'web' },
      gateway_account: primary,
      fallback_gateway_accounts: [fallback],
      metadata: {},
    });
    expect(form.body.id).toMatch(/^rr_[0-9A-Za-z]{24}$/);

    const json = await call<RoutingRuleResource>(acme.secret_key, 'POST', '/v1/routing_rules', { json: { gateway_account: fallback, metadata: { note: 'catch-all' } } });
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({ priority: 10, payment_method_types: [], currencies: [], amount_min: null, amount_max: null, fallback_gateway_accounts: [], metadata: { note: 'catch-all' } });

    const list = await call<List<RoutingRuleResource>>(acme.secret_key, 'GET', '/v1/routing_rules');
    expect(list.body.data.map((rule) => rule.id)).toEqual([json.body.id, form.body.id]);
    expect((await call<RoutingRuleResource>(acme.secret_key, 'GET', `/v1/routing_rules/${form.body.id}`)).body).toEqual(form.body);

    const updated = await call<RoutingRuleResource>(acme.secret_key, 'POST', `/v1/routing_rules/${json.body.id}`, { form: { priority: '5', 'currencies[]': 'gbp' } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: json.body.id, priority: 5, currencies: ['gbp'], gateway_account: fallback, metadata: { note: 'catch-all' } });

    expect((await call(acme.secret_key, 'DELETE', `/v1/routing_rules/${json.body.id}`)).body).toEqual({ id: json.body.id, object: 'routing_rule', deleted: true });
    expect((await call<ErrorBody>(acme.secret_key, 'GET', `/v1/routing_rules/${json.body.id}`)).status).toBe(404);
  });

  it('refuses rules that could not route what they match, naming the parameter at fault', async () => {
    const refusal = async (body: Record<string, unknown>) => {
      const answer = await call<ErrorBody>(acme.secret_key, 'POST', '/v1/routing_rules', { json: body });
      return { status: answer.status, code: answer.body.error.code, param: answer.body.error.param };
    };
    expect(await refusal({})).toEqual({ status: 400, code: 'parameter_missing', param: 'gateway_account' });
    expect(await refusal({ gateway_account: 'ga_nope' })).toEqual({ status: 400, code: 'parameter_invalid', param: 'gateway_account' });
    expect(await refusal({ gateway_account: rivalAccount })).toEqual({ status: 400, code: 'parameter_invalid', param: 'gateway_account' });
    expect(await refusal({ gateway_account: primary, fallback_gateway_accounts: [fallback, disabled] })).toEqual({ status: 400, code: 'parameter_invalid', param: 'fallback_gateway_accounts[1]' });
    expect(await refusal({ gateway_account: primary, fallback_gateway_accounts: [primary] })).toEqual({ status: 400, code: 'parameter_invalid', param: 'fallback_gateway_accounts[0]' });
    // The sandbox takes cards only.
    expect(await refusal({ gateway_account: primary, payment_method_types: ['upi'] })).toEqual({ status: 400, code: 'parameter_invalid', param: 'gateway_account' });
    expect(await refusal({ gateway_account: primary, currencies: ['usd', 'zzz'] })).toEqual({ status: 400, code: 'parameter_invalid', param: 'currencies[1]' });
    expect(await refusal({ gateway_account: primary, amount_min: 5000, amount_max: 100 })).toEqual({ status: 400, code: 'parameter_invalid', param: 'amount_max' });
    expect((await refusal({ gateway_account: primary, amount_min: -1 })).status).toBe(400);
    expect((await refusal({ gateway_account: primary, priority: 'first' })).status).toBe(400);
  });

  it('keeps every rule to its merchant: another merchant\'s rule is a 404 and never listed', async () => {
    const rule = (await call<RoutingRuleResource>(acme.secret_key, 'POST', '/v1/routing_rules', { json: { gateway_account: primary } })).body;
    expect((await call<ErrorBody>(rival.secret_key, 'GET', `/v1/routing_rules/${rule.id}`)).status).toBe(404);
    const update = await call<ErrorBody>(rival.secret_key, 'POST', `/v1/routing_rules/${rule.id}`, { json: { gateway_account: rivalAccount } });
    expect(update.status).toBe(404);
    expect(update.body.error.code).toBe('resource_missing');
    expect((await call<ErrorBody>(rival.secret_key, 'DELETE', `/v1/routing_rules/${rule.id}`)).status).toBe(404);
    expect((await call<List<RoutingRuleResource>>(rival.secret_key, 'GET', '/v1/routing_rules')).body.data).toEqual([]);
    expect((await call<RoutingRuleResource>(acme.secret_key, 'GET', `/v1/routing_rules/${rule.id}`)).body.gateway_account).toBe(primary);
  });

  it('routes a payment by its rule, and shows the account\'s calls in /v1/gateways/health', async () => {
    const merchant = await createMerchant('Routing Rules Health');
    const first = await newAccount(merchant);
    const chosen = await newAccount(merchant);
    await call(merchant.secret_key, 'POST', '/v1/routing_rules', { json: { gateway_account: chosen, currencies: ['gbp'], match_metadata: { channel: 'web' } } });

    const stripe = stripeClient(merchant.secret_key);
    const intent = await stripe.paymentIntents.create({ amount: 2500, currency: 'gbp', payment_method: 'pm_card_visa', confirm: true, metadata: { channel: 'web' } });
    expect(intent.status).toBe('succeeded');

    const health = await call<List<GatewayHealthResource>>(merchant.secret_key, 'GET', '/v1/gateways/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ object: 'list', has_more: false, url: '/v1/gateways/health' });
    const byAccount = new Map(health.body.data.map((entry) => [entry.gateway_account, entry]));
    expect([...byAccount.keys()].sort()).toEqual([first, chosen].sort());
    expect(byAccount.get(chosen)).toMatchObject({
      object: 'gateway_health',
      gateway: 'sandbox',
      enabled: true,
      status: 'operational',
      reason: null,
      // The sandbox has nothing to probe.
      last_probe: null,
      circuit: { state: 'closed', opened_at: null },
      last_5_minutes: { attempts: 1, success_rate: 1 },
      last_60_minutes: { attempts: 1, success_rate: 1 },
      uptime_24h: 100,
    });
    expect(byAccount.get(chosen)!.last_5_minutes.latency_ms.p95).toEqual(expect.any(Number));
    expect(byAccount.get(first)).toMatchObject({ status: 'operational', last_5_minutes: { attempts: 0, success_rate: null, latency_ms: { p50: null, p95: null } }, uptime_24h: null });

    // Another merchant sees only its own accounts.
    const rivalHealth = await call<List<GatewayHealthResource>>(rival.secret_key, 'GET', '/v1/gateways/health');
    expect(rivalHealth.body.data.map((entry) => entry.gateway_account)).toEqual([rivalAccount]);
  });
});
