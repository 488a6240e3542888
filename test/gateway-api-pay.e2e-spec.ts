import { randomBytes, randomUUID } from 'node:crypto';
import { signRequest } from '@payrail/signing';
import { createMerchant, stripeClient, type MerchantCredentials } from '@payrail/testing';

const baseUrl = process.env.PAYRAIL_TEST_BASE_URL!;

interface Answer {
  status: number;
  body: { success: boolean; message?: string; code?: number; errors?: Record<string, string[]>; data?: Record<string, unknown> };
}

/** A request as the gateway API document's integrators send it: JSON, signed with HMAC-SHA256. */
async function signed(credentials: MerchantCredentials, method: string, path: string, payload?: unknown, secret = credentials.signing_secret): Promise<Answer> {
  const response = await signedResponse(credentials, method, path, payload, secret);
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

async function signedResponse(credentials: MerchantCredentials, method: string, path: string, payload: unknown, secret: string): Promise<Response> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomUUID();
  const body = payload === undefined ? '' : JSON.stringify(payload);
  const headers: Record<string, string> = {
    'X-API-KEY': credentials.signing_key,
    'X-API-TIMESTAMP': timestamp,
    'X-API-NONCE': nonce,
    'X-API-SIGNATURE': signRequest(secret, { method, path, timestamp, nonce, rawBody: body }),
  };
  if (body) headers['Content-Type'] = 'application/json';
  return fetch(`${baseUrl}${path}`, { method, headers, body: body || undefined });
}

/** Pays the hosted page with a test card as a browser without scripts would. */
async function payOnPage(url: string, cardNumber: string): Promise<Response> {
  const page = await fetch(url);
  const cookie = page.headers.get('set-cookie')!.split(';')[0];
  const html = await page.text();
  const form = new URLSearchParams({
    csrf: /name="csrf" value="([^"]+)"/.exec(html)![1],
    attempt: /name="attempt" value="(\d+)"/.exec(html)![1],
    card_number: cardNumber,
    card_exp: '12 / 34',
    card_cvc: '123',
  });
  return fetch(`${url}/pay`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie }, body: form.toString() });
}

describe('the gateway API document\'s /api/v1/pay and /api/v1/transaction, HMAC-signed', () => {
  let merchant: MerchantCredentials;
  let other: MerchantCredentials;
  const run = randomBytes(4).toString('hex');
  const order = (suffix: string) => ({
    order_id: `ORD-${run}-${suffix}`,
    amount: 1500.0,
    currency: 'INR',
    customer_name: 'Rahul Kumar',
    customer_email: 'rahul@example.com',
    customer_phone: '9999999999',
    return_url: 'https://client.example.com/success',
    webhook_url: 'https://client.example/webhook',
    metadata: { product_id: 'P100', notes: 'Test order' },
  });

  beforeAll(async () => {
    [merchant, other] = await Promise.all([createMerchant('Gateway API shop'), createMerchant('Gateway API other')]);
  });

  it('creates a payment whose payment_url is a working hosted page, and reports it pending then success', async () => {
    const created = await signed(merchant, 'POST', '/api/v1/pay', order('1'));
    expect(created).toMatchObject({
      status: 201,
      body: { success: true, message: 'Payment created successfully', data: { order_id: `ORD-${run}-1`, amount: 1500, currency: 'INR', status: 'pending' } },
    });
    const data = created.body.data as { transaction_id: string; payment_url: string };
    expect(data.transaction_id).toMatch(/^cs_/);
    expect(data.payment_url).toBe(`${baseUrl}/checkout/${data.transaction_id}`);

    const page = await fetch(data.payment_url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('₹1,500.00');

    const pending = await signed(merchant, 'GET', `/api/v1/transaction/${data.transaction_id}`);
    expect(pending).toMatchObject({ status: 200, body: { success: true, data: { transaction_id: data.transaction_id, order_id: `ORD-${run}-1`, amount: 1500, currency: 'INR', status: 'pending' } } });
    expect((pending.body.data as { created_at: string }).created_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

    const paid = await payOnPage(data.payment_url, '4242424242424242');
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe('https://client.example.com/success');
    expect(await signed(merchant, 'GET', `/api/v1/transaction/${data.transaction_id}`)).toMatchObject({ body: { success: true, data: { status: 'success', payment_method: 'card' } } });
    expect(await signed(other, 'GET', `/api/v1/transaction/${data.transaction_id}`)).toEqual({ status: 404, body: { success: false, message: 'Transaction not found', code: 404 } });
  });

  it('answers a retry of the same order with its first payment, and refuses the order_id with another amount and bad fields with the document\'s 422, creating nothing', async () => {
    const first = await signed(merchant, 'POST', '/api/v1/pay', order('dup'));
    expect(first.status).toBe(201);
    // The merchant's client gave up on the first answer and sends the same payment again, written a little otherwise.
    const retry = await signedResponse(merchant, 'POST', '/api/v1/pay', { ...order('dup'), currency: 'inr', customer_email: 'Rahul@Example.com' }, merchant.signing_secret);
    expect({ status: retry.status, replayed: retry.headers.get('idempotent-replayed'), body: await retry.json() }).toEqual({ status: 201, replayed: 'true', body: first.body });
    const duplicate = await signed(merchant, 'POST', '/api/v1/pay', { ...order('dup'), amount: 1499.99 });
    expect(duplicate).toMatchObject({ status: 422, body: { success: false, message: 'Validation failed', code: 422, errors: { order_id: [expect.stringContaining('already been used')] } } });
    const listed = await signed(merchant, 'GET', `/api/v1/transactions?order_id=ORD-${run}-dup`);
    expect(listed.body.data).toEqual([expect.objectContaining({ transaction_id: (first.body.data as { transaction_id: string }).transaction_id })]);
    // Another merchant may use the same order id.
    expect((await signed(other, 'POST', '/api/v1/pay', order('dup'))).status).toBe(201);

    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...order('a'), amount: 10.001 }, 'amount'],
      [{ ...order('b'), amount: -5 }, 'amount'],
      [{ ...order('c'), amount: undefined }, 'amount'],
      [{ ...order('d'), currency: 'XYZ' }, 'currency'],
      [{ ...order('e'), webhook_url: 'ftp://client.example.com/webhook' }, 'webhook_url'],
      [{ ...order('e2'), webhook_url: 'https://169.254.169.254/webhook' }, 'webhook_url'],
      [{ ...order('f'), customer_email: 'not-an-email' }, 'customer_email'],
      [{ ...order('g'), return_url: 'nope' }, 'return_url'],
    ];
    const sessions = async () => (await stripeClient(merchant.secret_key).checkout.sessions.list({ limit: 100 })).data.length;
    const before = await sessions();
    for (const [payload, field] of cases) {
      const answer = await signed(merchant, 'POST', '/api/v1/pay', payload);
      expect({ field, status: answer.status, errors: Object.keys(answer.body.errors ?? {}) }).toEqual({ field, status: 422, errors: [field] });
    }
    expect(await sessions()).toBe(before);
  });

  it('takes only signed requests, in the document\'s error envelope', async () => {
    const forged = await signed(merchant, 'POST', '/api/v1/pay', order('forged'), 'not-the-secret');
    expect(forged).toEqual({ status: 401, body: { success: false, message: 'Invalid signature', code: 401 } });
    const withKey = await fetch(`${baseUrl}/api/v1/pay`, {
      method: 'POST',
      headers: { authorization: `Bearer ${merchant.secret_key}`, 'content-type': 'application/json' },
      body: JSON.stringify(order('key')),
    });
    expect(withKey.status).toBe(401);
    expect(await withKey.json()).toMatchObject({ success: false, code: 401 });
  });
});
