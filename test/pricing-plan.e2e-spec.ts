import Stripe from 'stripe';
import { createMerchant, createOperatorClient, stripeClient, type MerchantCredentials } from '@payrail/testing';

const baseUrl = process.env.PAYRAIL_TEST_BASE_URL!;

interface PlanRow {
  method: string;
  currency: string;
  percent_bps: number;
  fixed_amount: number;
}

interface Answer {
  status: number;
  body: {
    object?: string;
    rows?: PlanRow[];
    version?: number;
    effective_from?: number | null;
    default_price?: { percent_bps: number; fixed_amount: number };
    error?: { type: string; code: string; message: string; param?: string };
    access_token?: string;
    scope?: string;
    data?: Array<{ id: string }>;
  };
}

async function call(path: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(`${baseUrl}${path}`, init);
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

const form = (fields: Record<string, string | number>) => new URLSearchParams(Object.entries(fields).map(([key, value]): [string, string] => [key, String(value)]));

/** `rows[0][method]=card&rows[0][currency]=usd&…`, as Stripe's SDKs encode nested parameters. */
function rowsForm(rows: PlanRow[]): URLSearchParams {
  return form(Object.fromEntries(rows.flatMap((row, index) => Object.entries(row).map(([field, value]) => [`rows[${index}][${field}]`, value]))));
}

async function accessToken(clientId: string, clientSecret: string, scope?: string): Promise<string> {
  const answer = await call('/oauth/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, ...(scope ? { scope } : {}) }),
  });
  if (!answer.body.access_token) throw new Error(`no token: ${JSON.stringify(answer.body)}`);
  return answer.body.access_token;
}

const replacePlan = (bearer: string, body: URLSearchParams | string, contentType = 'application/x-www-form-urlencoded') =>
  call('/v1/pricing_plan', { method: 'POST', headers: { authorization: `Bearer ${bearer}`, 'content-type': contentType }, body });
const readPlan = (secretKey: string) => call('/v1/pricing_plan', { headers: { authorization: `Bearer ${secretKey}` } });

async function eventually<T>(read: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * `/v1/pricing_plan`: the merchant reads what it pays, only the platform operator (an OAuth client made with
 * auth's operator-client command, holding `pricing:manage`) replaces it, and each charge's balance
 * transaction keeps the fee of the plan in force when it succeeded.
 */
describe('pricing plans at the edge', () => {
  let merchant: MerchantCredentials;
  let neighbour: MerchantCredentials;
  let stripe: Stripe;
  let operatorToken: string;

  beforeAll(async () => {
    merchant = await createMerchant('Priced Goods Ltd');
    neighbour = await createMerchant('Priced Neighbour Ltd');
    stripe = stripeClient(merchant.secret_key);
    const operator = await createOperatorClient(merchant.merchant_id);
    expect(operator.scopes).toEqual(['pricing:manage']);
    operatorToken = await accessToken(operator.client_id, operator.client_secret, 'pricing:manage');
  });

  async function feeOfNewCharge(amount: number): Promise<number> {
    const intent = await stripe.paymentIntents.create({ amount, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
    const expanded = await eventually(async () => {
      const charge = await stripe.charges.retrieve(intent.latest_charge as string, { expand: ['balance_transaction'] });
      // The id is there at once; the object only once the ledger has booked the charge from its event.
      return typeof charge.balance_transaction === 'object' && charge.balance_transaction !== null ? charge.balance_transaction : undefined;
    });
    return expanded.fee;
  }

  it('shows a merchant without a plan the default price', async () => {
    expect(await readPlan(merchant.secret_key)).toEqual({
      status: 200,
      body: { object: 'pricing_plan', rows: [], default_price: { percent_bps: 290, fixed_amount: 30 }, version: 0, effective_from: null, livemode: false },
    });
  });

  it("refuses to let the merchant set its own prices, with its secret key, its own OAuth token or a client it creates", async () => {
    const row: PlanRow = { method: 'card', currency: 'usd', percent_bps: 0, fixed_amount: 0 };
    const withKey = await replacePlan(merchant.secret_key, rowsForm([row]));
    expect(withKey).toMatchObject({ status: 403, body: { error: { type: 'invalid_request_error', code: 'permission_denied' } } });
    const ownToken = await accessToken(merchant.client_id, merchant.client_secret);
    expect(await replacePlan(ownToken, rowsForm([row]))).toMatchObject({ status: 403, body: { error: { code: 'insufficient_scope' } } });
    const asked = await call('/v1/oauth_clients', {
      method: 'POST',
      headers: { authorization: `Bearer ${merchant.secret_key}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: form({ name: 'cheaper', 'scopes[0]': 'pricing:manage' }),
    });
    expect(asked.status).toBe(400);
    // Nor can it see (and so roll) the operator's client.
    const clients = await call('/v1/oauth_clients?limit=100', { headers: { authorization: `Bearer ${merchant.secret_key}` } });
    expect(clients.body.data?.map((client) => client.id)).toEqual([merchant.client_id]);
    expect((await readPlan(merchant.secret_key)).body.version).toBe(0);
  });

  it('lets the operator replace the plan (form or JSON); charges are priced by the plan in force when they succeeded', async () => {
    expect(await feeOfNewCharge(10_000)).toBe(320);
    const set = await replacePlan(operatorToken, rowsForm([{ method: 'card', currency: 'usd', percent_bps: 150, fixed_amount: 10 }, { method: '*', currency: '*', percent_bps: 400, fixed_amount: 0 }]));
    expect(set).toMatchObject({ status: 200, body: { object: 'pricing_plan', version: 1, rows: expect.arrayContaining([{ method: 'card', currency: 'usd', percent_bps: 150, fixed_amount: 10 }]) } });
    expect((await readPlan(merchant.secret_key)).body).toMatchObject({ version: 1, effective_from: set.body.effective_from });
    const underFirst = await stripe.paymentIntents.create({ amount: 10_000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
    const firstFee = await eventually(async () => {
      const charge = await stripe.charges.retrieve(underFirst.latest_charge as string, { expand: ['balance_transaction'] });
      // The id is there at once; the object only once the ledger has booked the charge from its event.
      return typeof charge.balance_transaction === 'object' && charge.balance_transaction !== null ? charge.balance_transaction : undefined;
    });
    expect(firstFee).toMatchObject({ fee: 160, net: 9_840 });

    const json = await replacePlan(operatorToken, JSON.stringify({ rows: [{ method: 'card', currency: 'usd', percent_bps: 500, fixed_amount: 0 }] }), 'application/json');
    expect(json).toMatchObject({ status: 200, body: { version: 2, rows: [{ method: 'card', currency: 'usd', percent_bps: 500, fixed_amount: 0 }] } });
    expect(await feeOfNewCharge(10_000)).toBe(500);
    // The replacement rewrote nothing that was recorded.
    expect((await stripe.balanceTransactions.retrieve(firstFee.id)).fee).toBe(160);
    // Another merchant's plan is its own.
    expect((await readPlan(neighbour.secret_key)).body).toMatchObject({ version: 0, rows: [] });
  });

  it.each([
    ['a negative percentage', { method: 'card', currency: 'usd', percent_bps: -1, fixed_amount: 0 }, 'rows[0][percent_bps]'],
    ['more than 100 %', { method: 'card', currency: 'usd', percent_bps: 10_001, fixed_amount: 0 }, 'rows[0][percent_bps]'],
    ['a negative fixed amount', { method: 'card', currency: 'usd', percent_bps: 0, fixed_amount: -5 }, 'rows[0][fixed_amount]'],
    ['an unknown currency', { method: 'card', currency: 'xyz', percent_bps: 100, fixed_amount: 0 }, 'rows[0][currency]'],
    ['an unknown method', { method: 'cheque', currency: 'usd', percent_bps: 100, fixed_amount: 0 }, 'rows[0][method]'],
  ])('refuses %s with 400 naming the row, and keeps the plan in force', async (_, row, param) => {
    const before = (await readPlan(merchant.secret_key)).body;
    const answer = await replacePlan(operatorToken, rowsForm([row]));
    expect(answer).toMatchObject({ status: 400, body: { error: { type: 'invalid_request_error', code: 'parameter_invalid', param } } });
    expect((await readPlan(merchant.secret_key)).body).toEqual(before);
  });

  it('refuses a fixed amount that is not whole minor units, and two rows for one method and currency', async () => {
    const before = (await readPlan(merchant.secret_key)).body;
    const fractional = await replacePlan(operatorToken, form({ 'rows[0][method]': 'card', 'rows[0][currency]': 'usd', 'rows[0][percent_bps]': 290, 'rows[0][fixed_amount]': '30.5' }));
    expect(fractional.status).toBe(400);
    expect(fractional.body.error).toMatchObject({ type: 'invalid_request_error', param: expect.stringContaining('fixed_amount') });
    const duplicate = await replacePlan(
      operatorToken,
      rowsForm([{ method: 'card', currency: 'usd', percent_bps: 100, fixed_amount: 0 }, { method: 'card', currency: 'USD', percent_bps: 200, fixed_amount: 0 }]),
    );
    expect(duplicate).toMatchObject({ status: 400, body: { error: { code: 'parameter_invalid', param: 'rows[1]' } } });
    expect((await readPlan(merchant.secret_key)).body).toEqual(before);
  });

  it("shows the operator, and only the operator, the merchant's fees against gateway costs", async () => {
    expect(await call('/v1/pricing_plan/costs', { headers: { authorization: `Bearer ${merchant.secret_key}` } })).toMatchObject({ status: 403, body: { error: { code: 'permission_denied' } } });
    const costs = await call('/v1/pricing_plan/costs?currency=usd', { headers: { authorization: `Bearer ${operatorToken}` } });
    expect(costs.status).toBe(200);
    // The charges above paid 320, 160 and 500 in fees.
    expect(costs.body).toMatchObject({ object: 'pricing_costs', currencies: [{ currency: 'usd', fees: 980 }] });
  });
});
