import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createMerchant, type MerchantCredentials } from '@payrail/testing';

const baseUrl = process.env.PAYRAIL_TEST_BASE_URL!;
const nextYear = new Date().getUTCFullYear() + 1;

interface Answer {
  status: number;
  headers: Headers;
  body: { [field: string]: unknown; id: string; data: RequestLog[] };
}

/** The fields of a request log these specs read by name; the rest is matched whole. */
interface RequestLog {
  [field: string]: unknown;
  id: string;
  request_id: string;
  path: string;
  /** Unix seconds. */
  created: number;
  response_body: { error?: unknown };
}

async function call(key: string, method: string, path: string, options: { form?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const headers: Record<string, string> = { Authorization: `Bearer ${key}`, ...options.headers };
  if (options.form !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body: options.form });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Answer['body'] };
}

/** Logs are written in batches, off the request path: ask until the query finds `count` of them (bounded). */
async function logsOnceWritten(key: string, query: string, count = 1): Promise<Answer> {
  const deadline = Date.now() + 15_000;
  let answer = await call(key, 'GET', `/v1/request_logs?${query}`);
  while (answer.status === 200 && answer.body.data.length < count && Date.now() < deadline) {
    await sleep(250);
    answer = await call(key, 'GET', `/v1/request_logs?${query}`);
  }
  return answer;
}

describe('request logs', () => {
  let merchant: MerchantCredentials;
  let created: Answer;
  const idempotencyKey = randomUUID();
  const card = `type=card&card[number]=4242424242424242&card[cvc]=314&card[exp_month]=12&card[exp_year]=${nextYear}`;

  beforeAll(async () => {
    merchant = await createMerchant('Request logged');
    created = await call(merchant.secret_key, 'POST', '/v1/payment_methods', {
      form: `${card}&metadata[note]=${encodeURIComponent('a note naming 4000056655665556')}`,
      headers: { 'Idempotency-Key': idempotencyKey, 'User-Agent': 'request-logs-spec/1.0' },
    });
    expect(created.status).toBe(200);
  });

  it('record what was sent and answered, who sent it and how, with card data and keys redacted', async () => {
    const requestId = created.headers.get('request-id')!;
    const found = await logsOnceWritten(merchant.secret_key, `request_id=${requestId}`);
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ object: 'list', url: '/v1/request_logs', has_more: false });
    const [log] = found.body.data;
    expect(log).toMatchObject({
      id: requestId,
      object: 'request_log',
      livemode: false,
      request_id: requestId,
      method: 'POST',
      path: '/v1/payment_methods',
      status: 200,
      credential: `sk_test_…${merchant.secret_key.slice(-4)}`,
      idempotency_key: idempotencyKey,
      user_agent: 'request-logs-spec/1.0',
      request_body: {
        type: 'card',
        card: { number: '[REDACTED]', cvc: '[REDACTED]', exp_month: '12', exp_year: String(nextYear) },
        metadata: { note: 'a note naming [REDACTED_PAN]' },
      },
      response_body: { id: created.body.id, object: 'payment_method', card: { last4: '4242' } },
    });
    expect(log.source_address).toMatch(/127\.0\.0\.1/);
    expect(log.latency_ms).toBeGreaterThanOrEqual(0);
    expect(Math.abs(log.created - Date.now() / 1000)).toBeLessThan(120);
    const stored = JSON.stringify(log);
    for (const secret of ['4242424242424242', '4000056655665556', '"314"', merchant.secret_key]) expect(stored).not.toContain(secret);

    // The same log by its id.
    const retrieved = await call(merchant.secret_key, 'GET', `/v1/request_logs/${requestId}`);
    expect(retrieved.status).toBe(200);
    expect(retrieved.body).toEqual(log);
  });

  it('filter by status, method, path and time, and page newest first', async () => {
    const refused = await call(merchant.secret_key, 'POST', '/v1/payment_intents', { form: 'amount=abc&currency=usd' });
    expect(refused.status).toBe(400);
    const read = await call(merchant.secret_key, 'GET', `/v1/payment_methods/${created.body.id}`);
    expect(read.status).toBe(200);

    const byStatus = await logsOnceWritten(merchant.secret_key, 'status=400');
    expect(byStatus.body.data.map((log: { request_id: string }) => log.request_id)).toEqual([refused.headers.get('request-id')]);
    expect(byStatus.body.data[0].response_body.error).toMatchObject({ type: 'invalid_request_error', request_id: refused.headers.get('request-id') });

    const byMethodAndPath = await logsOnceWritten(merchant.secret_key, `method=GET&path=${encodeURIComponent(`/v1/payment_methods/${created.body.id}`)}`);
    expect(byMethodAndPath.body.data).toHaveLength(1);
    expect(byMethodAndPath.body.data[0].request_id).toBe(read.headers.get('request-id'));

    // Newest first (reading the logs is logged too: leave those out); pages by starting_after and ending_before.
    const all = await logsOnceWritten(merchant.secret_key, 'limit=100', 5);
    const others = all.body.data.filter((log: { path: string }) => !log.path.startsWith('/v1/request_logs'));
    expect(others.map((log: { id: string }) => log.id)).toEqual([read, refused, created].map((answer) => answer.headers.get('request-id')));
    const firstPage = await call(merchant.secret_key, 'GET', '/v1/request_logs?method=POST&limit=1');
    expect(firstPage.body).toMatchObject({ has_more: true, data: [{ id: refused.headers.get('request-id') }] });
    const secondPage = await call(merchant.secret_key, 'GET', `/v1/request_logs?method=POST&limit=1&starting_after=${firstPage.body.data[0].id}`);
    expect(secondPage.body).toMatchObject({ has_more: false, data: [{ id: created.headers.get('request-id') }] });
    const back = await call(merchant.secret_key, 'GET', `/v1/request_logs?method=POST&limit=1&ending_before=${secondPage.body.data[0].id}`);
    expect(back.body).toMatchObject({ data: [{ id: refused.headers.get('request-id') }] });

    const future = Math.floor(Date.now() / 1000) + 3600;
    expect((await call(merchant.secret_key, 'GET', `/v1/request_logs?created[gte]=${future}`)).body.data).toEqual([]);
    expect((await call(merchant.secret_key, 'GET', `/v1/request_logs?created[lt]=${future}&limit=100`)).body.data.length).toBeGreaterThanOrEqual(3);
  });

  it('show a merchant only its own logs', async () => {
    const other = await createMerchant('Someone else');
    const requestId = created.headers.get('request-id')!;
    const foreign = await call(other.secret_key, 'GET', `/v1/request_logs/${requestId}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error).toMatchObject({ type: 'invalid_request_error', code: 'resource_missing' });
    const listed = await call(other.secret_key, 'GET', `/v1/request_logs?request_id=${requestId}`);
    expect(listed.body.data).toEqual([]);
  });

  it('refuse a filter they cannot use with a 400, changing nothing', async () => {
    const bad = await call(merchant.secret_key, 'GET', '/v1/request_logs?status=abc');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ type: 'invalid_request_error', param: 'status' });
  });
});
