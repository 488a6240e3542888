import { randomBytes } from 'node:crypto';
import {
  createMerchant,
  gatewayApiRequest,
  payHostedPageWithoutScripts,
  signingCredentialsOf,
  type GatewayApiAnswer,
  type MerchantCredentials,
  type SigningCredentials,
} from '@payrail/testing';

const baseUrl = process.env.PAYRAIL_TEST_BASE_URL!;

interface Transaction {
  transaction_id: string;
  order_id: string;
  amount: number;
  currency: string;
  status: string;
  refunded_amount: number;
  payment_url?: string;
}

/**
 * The document's own example of `POST /pay`, word for word but for `webhook_url`: its
 * `https://client.com/webhook` is a real host, which the platform would really notify.
 */
const DOCUMENT_PAY_EXAMPLE = {
  order_id: 'ORD-10001',
  amount: 1500.0,
  currency: 'INR',
  customer_name: 'Rahul Kumar',
  customer_email: 'rahul@example.com',
  customer_phone: '9999999999',
  return_url: 'https://client.com/success',
  webhook_url: 'https://client.example/webhook',
  metadata: { product_id: 'P100', notes: 'Test order' },
};

async function eventually<T>(read: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('the gateway API document, its example requests as written', () => {
  let merchant: MerchantCredentials;
  let other: MerchantCredentials;
  let signing: SigningCredentials;
  const run = randomBytes(4).toString('hex');
  const call = <D>(method: string, path: string, payload?: unknown, credentials = signing) => gatewayApiRequest<D>(baseUrl, credentials, method, path, payload);
  const order = (suffix: string, amount = 100.5) => ({ ...DOCUMENT_PAY_EXAMPLE, order_id: `ORD-${run}-${suffix}`, amount });

  async function paid(payload: typeof DOCUMENT_PAY_EXAMPLE, card = '4242424242424242'): Promise<Transaction> {
    const created = await call<Transaction>('POST', '/api/v1/pay', payload);
    expect(created.status).toBe(201);
    const response = await payHostedPageWithoutScripts(created.body.data!.payment_url!, card);
    expect(response.status).toBe(303);
    return created.body.data!;
  }

  beforeAll(async () => {
    [merchant, other] = await Promise.all([createMerchant('Gateway document shop'), createMerchant('Gateway document other')]);
    signing = signingCredentialsOf(merchant);
  });

  it('pays the example order, then refunds the example amount with its free-text reason: the transaction is refunded', async () => {
    const transaction = await paid(DOCUMENT_PAY_EXAMPLE);
    const refund = await call<{ refund_id: string; status: string; amount: number; reason: string }>('POST', '/api/v1/refund', {
      transaction_id: transaction.transaction_id,
      amount: 500.0,
      reason: 'Customer request',
    });
    expect(refund).toMatchObject({ status: 201, body: { success: true, message: 'Refund request submitted', data: { amount: 500, reason: 'Customer request' } } });
    expect(refund.body.data!.refund_id).toMatch(/^re_/);
    expect(['pending', 'success']).toContain(refund.body.data!.status);

    const refunded = await eventually(async () => {
      const answer = await call<Transaction>('GET', `/api/v1/transaction/${transaction.transaction_id}`);
      return answer.body.data?.status === 'refunded' ? answer : undefined;
    });
    expect(refunded.body.data).toMatchObject({ order_id: 'ORD-10001', amount: 1500, refunded_amount: 500 });
    const listed = await call<Transaction[]>('GET', '/api/v1/transactions?status=refunded');
    expect(listed.body.data!.map((item) => item.transaction_id)).toEqual([transaction.transaction_id]);

    // 1,000.01 is more than the 1,000.00 left: refused on amount, nothing refunded.
    const tooMuch = await call('POST', '/api/v1/refund', { transaction_id: transaction.transaction_id, amount: 1000.01, reason: 'Too much' });
    expect(tooMuch).toMatchObject({ status: 422, body: { success: false, message: 'Validation failed', code: 422, errors: { amount: [expect.any(String)] } } });
    const tooPrecise = await call('POST', '/api/v1/refund', { transaction_id: transaction.transaction_id, amount: 1.001 });
    expect(tooPrecise).toMatchObject({ status: 422, body: { errors: { amount: [expect.any(String)] } } });
    expect((await call<Transaction>('GET', `/api/v1/transaction/${transaction.transaction_id}`)).body.data!.refunded_amount).toBe(500);

    const unpaid = await call<Transaction>('POST', '/api/v1/pay', order('unpaid'));
    expect(await call('POST', '/api/v1/refund', { transaction_id: unpaid.body.data!.transaction_id, amount: 1 })).toMatchObject({
      status: 422,
      body: { errors: { transaction_id: [expect.any(String)] } },
    });
    expect(await call('POST', '/api/v1/refund', { transaction_id: transaction.transaction_id }, signingCredentialsOf(other))).toEqual({
      status: 404,
      body: { success: false, message: 'Transaction not found', code: 404 },
    });
  });

  it('lists transactions by page with the document\'s filters, applied where the payments are', async () => {
    const first = await paid(order('list-1'));
    const pending = (await call<Transaction>('POST', '/api/v1/pay', order('list-2'))).body.data!;
    const third = await paid(order('list-3'));
    const disputed = await paid(order('list-4'), '4000000000000259');

    const byOrder = await call<Transaction[]>('GET', `/api/v1/transactions?order_id=ORD-${run}-list-2`);
    expect(byOrder).toMatchObject({ status: 200, body: { success: true, data: [{ transaction_id: pending.transaction_id, status: 'pending', amount: 100.5, currency: 'INR' }] } });

    // The dispute is recorded after the payment succeeds: until it is, the disputed payment still lists as a success.
    const disputedList = await eventually(async () => {
      const answer = await call<Transaction[]>('GET', '/api/v1/transactions?status=disputed');
      return answer.body.data!.length > 0 ? answer : undefined;
    });
    expect(disputedList.body.data!.map((item) => item.transaction_id)).toEqual([disputed.transaction_id]);

    const pages = await Promise.all([1, 2].map((page) => call<Transaction[]>('GET', `/api/v1/transactions?page=${page}&limit=2&status=success&from_date=2020-01-01`)));
    const successIds = pages.flatMap((page) => page.body.data!.map((item) => item.transaction_id));
    expect(successIds.slice(0, 2)).toEqual([third.transaction_id, first.transaction_id]);
    expect(successIds).not.toContain(pending.transaction_id);
    expect(pages[0]!.body.pagination).toMatchObject({ page: 1, limit: 2 });
    expect(pages[0]!.body.pagination!.total).toBeGreaterThanOrEqual(2);

    const today = new Date().toISOString().slice(0, 10);
    const inDay = await call<Transaction[]>('GET', `/api/v1/transactions?from_date=${today}&to_date=${today}&limit=100`);
    expect(inDay.body.data!.map((item) => item.transaction_id)).toEqual(expect.arrayContaining([first.transaction_id, pending.transaction_id, third.transaction_id]));
    const before = await call<Transaction[]>('GET', '/api/v1/transactions?to_date=2020-01-01');
    expect(before.body.data).toEqual([]);

    expect((await call<Transaction[]>('GET', `/api/v1/transactions?order_id=ORD-${run}-list-2`, undefined, signingCredentialsOf(other))).body.data).toEqual([]);

    const refusals: Array<[string, string]> = [
      ['status=paid', 'status'],
      ['page=0', 'page'],
      ['limit=1000', 'limit'],
      ['from_date=yesterday', 'from_date'],
      ['from_date=2026-06-18&to_date=2026-06-01', 'to_date'],
    ];
    for (const [query, field] of refusals) {
      const answer: GatewayApiAnswer = await call('GET', `/api/v1/transactions?${query}`);
      expect({ query, status: answer.status, errors: Object.keys(answer.body.errors ?? {}) }).toEqual({ query, status: 422, errors: [field] });
    }
  });

  it('serves the Payment Engine document on the same path to a request that is not signed', async () => {
    const engine = await fetch(`${baseUrl}/api/v1/transactions`, { headers: { authorization: `Bearer ${merchant.secret_key}` } });
    expect(engine.status).toBe(200);
    expect(await engine.json()).toMatchObject({ data: expect.any(Array), hasMore: expect.any(Boolean) });
    // Where the signed list is mounted inside the edge is no second URL for it.
    expect((await call('GET', '/api/v1/gateway-api/transactions')).status).toBe(404);
  });

  it('shows the client profile and the gateways it can use, with their health', async () => {
    expect(await call('GET', '/api/v1/client/profile')).toMatchObject({
      status: 200,
      body: { success: true, data: { client_id: expect.stringMatching(/^mch_/), name: 'Gateway document shop', mode: 'test' } },
    });
    const gateways = await call<Array<{ gateway: string; status: string; payment_methods: string[] }>>('GET', '/api/v1/gateways');
    expect(gateways.status).toBe(200);
    expect(gateways.body.data).toEqual(expect.arrayContaining([expect.objectContaining({ gateway: 'sandbox', status: 'active', payment_methods: expect.arrayContaining(['card']) })]));
    const account = await fetch(`${baseUrl}/v1/gateway_accounts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${merchant.secret_key}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'gateway=sandbox',
    });
    expect(account.status).toBe(200);
    const { id } = (await account.json()) as { id: string };
    const health = await call<unknown[]>('GET', '/api/v1/gateways/health');
    expect(health).toMatchObject({ status: 200, body: { success: true, data: [{ gateway: 'sandbox', gateway_account: id, enabled: true, status: 'operational' }] } });
  });

  it('regenerates the caller\'s keys from the example body: the new pair signs, the old one is refused at once', async () => {
    const shop = await createMerchant('Gateway document keys');
    const old = signingCredentialsOf(shop);
    const regenerated = await call<{ api_key: string; secret_key: string }>('POST', '/api/v1/api-keys/regenerate', { client_id: 1 }, old);
    expect(regenerated).toMatchObject({ status: 201, body: { success: true, message: 'API keys regenerated' } });
    const fresh = { key: regenerated.body.data!.api_key, secret: regenerated.body.data!.secret_key };
    expect(fresh.key).toMatch(/^hk_/);
    expect(fresh.key).not.toBe(old.key);
    expect((await call('GET', '/api/v1/client/profile', undefined, fresh)).status).toBe(200);
    expect(await call('GET', '/api/v1/client/profile', undefined, old)).toMatchObject({ status: 401, body: { success: false, code: 401 } });
    expect((await call('POST', '/api/v1/api-keys/regenerate', { client_id: { id: 1 } }, fresh)).status).toBe(422);
  });
});
