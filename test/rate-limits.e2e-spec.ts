import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createMerchant, testEdgeUrls, type MerchantCredentials } from '@payrail/testing';

// The documented limits, as shipped: 100 payment creations a minute per key. On the distributed runtime the
// requests alternate between the two edge replicas, which share their buckets through Redis; on the
// embedded runtime (buckets in each edge's memory) they all go to one.
const PAYMENT_CREATION_PER_MINUTE = 100;
const edges = process.env.PAYRAIL_TEST_MODE === 'distributed' ? testEdgeUrls() : testEdgeUrls().slice(0, 1);

interface Answer {
  status: number;
  headers: Headers;
  body: { id?: string; error?: { type: string; code: string; message: string; request_id: string } };
}

async function call(edge: string, key: string, method: string, path: string, options: { form?: string; idempotencyKey?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = { Authorization: `Bearer ${key}` };
  if (options.form !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  const response = await fetch(`${edge}${path}`, { method, headers, body: options.form });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Answer['body'] };
}

const createIntent = (edge: string, key: string, idempotencyKey?: string) =>
  call(edge, key, 'POST', '/v1/payment_intents', { form: 'amount=1000&currency=usd', idempotencyKey });

describe('rate limits at the edge', () => {
  let merchant: MerchantCredentials;
  beforeAll(async () => {
    merchant = await createMerchant('Rate limited');
  });

  it('refuse payment creations past 100 a minute per key, across the edge replicas together, in a bounded burst', async () => {
    // Creations the edge refuses as invalid (400) still count, and never reach a service: a burst that a slow
    // machine can send within seconds, so that the bucket's refill during it stays small.
    const invalidCreation = (i: number) => call(edges[i % edges.length], merchant.secret_key, 'POST', '/v1/payment_intents', { form: 'amount=abc&currency=usd' });
    const started = Date.now();
    const answers: Answer[] = [];
    for (let wave = 0; wave < 30 && !answers.some((answer) => answer.status === 429); wave++) {
      answers.push(...(await Promise.all(Array.from({ length: 10 }, (_, i) => invalidCreation(wave * 10 + i)))));
    }
    const elapsedMs = Date.now() - started;
    const admitted = answers.filter((answer) => answer.status === 400);
    expect(answers.filter((answer) => answer.status !== 400 && answer.status !== 429).map((answer) => `${answer.status} ${answer.body.error?.code}`)).toEqual([]);
    // A full bucket lets the whole limit through at once, and refills one token every 600 ms; replicas counting
    // alone would each have let 100 through.
    expect(admitted.length).toBeGreaterThanOrEqual(PAYMENT_CREATION_PER_MINUTE);
    expect(admitted.length).toBeLessThanOrEqual(PAYMENT_CREATION_PER_MINUTE + Math.ceil(elapsedMs / 600));
    expect(elapsedMs).toBeLessThan(30_000);

    // A valid creation now is refused too, in the standard envelope, with when to try again.
    let refusal = await createIntent(edges[edges.length - 1], merchant.secret_key);
    for (let attempt = 0; attempt < 10 && refusal.status !== 429; attempt++) {
      await Promise.all(Array.from({ length: 5 }, (_, i) => invalidCreation(i)));
      refusal = await createIntent(edges[edges.length - 1], merchant.secret_key);
    }
    expect(refusal.status).toBe(429);
    expect(refusal.body.error).toMatchObject({ type: 'rate_limit_error', code: 'rate_limited', request_id: refusal.headers.get('request-id') });
    expect(Number(refusal.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refusal.headers.get('ratelimit-limit')).toBe(String(PAYMENT_CREATION_PER_MINUTE));
    expect(refusal.headers.get('ratelimit-remaining')).toBe('0');
    expect(Number(admitted[0].headers.get('ratelimit-reset'))).toBeGreaterThanOrEqual(1);
  });

  it('keep reads in their own class: the same key still reads while creation is refused', async () => {
    const read = await call(edges[0], merchant.secret_key, 'GET', '/v1/payment_intents?limit=1');
    expect(read.status).toBe(200);
    expect(read.headers.get('ratelimit-limit')).toBe('1000');
    // And the headers are on refusals of other kinds too.
    const missing = await call(edges[edges.length - 1], merchant.secret_key, 'GET', '/v1/payment_intents/pi_doesnotexist');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('ratelimit-remaining')).toMatch(/^\d+$/);
  });

  it('do not spend an idempotency key on a refused request: its retry after Retry-After is carried out', async () => {
    let refused: { answer: Answer; idempotencyKey: string } | undefined;
    for (let attempt = 0; attempt < 20 && !refused; attempt++) {
      const idempotencyKey = randomUUID();
      const answer = await createIntent(edges[attempt % edges.length], merchant.secret_key, idempotencyKey);
      if (answer.status === 429) refused = { answer, idempotencyKey };
    }
    expect(refused).toBeDefined();
    await sleep(Number(refused!.answer.headers.get('retry-after')) * 1000);
    const retried = await createIntent(edges[0], merchant.secret_key, refused!.idempotencyKey);
    expect({ status: retried.status, error: retried.body.error?.message }).toEqual({ status: 200, error: undefined });
    expect(retried.body.id).toMatch(/^pi_/);
  });

  it('count another merchant’s key apart', async () => {
    const other = await createMerchant('Not rate limited');
    const answer = await createIntent(edges[0], other.secret_key);
    expect({ status: answer.status, error: answer.body.error?.message }).toEqual({ status: 200, error: undefined });
    expect(Number(answer.headers.get('ratelimit-remaining'))).toBe(PAYMENT_CREATION_PER_MINUTE - 1);
  });
});
