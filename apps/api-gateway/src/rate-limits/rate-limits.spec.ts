import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { LimitedEdge } from '../testing/limited-edge-under-test.js';

const edge = new LimitedEdge();
const create = (app: INestApplication, key: string) => request(app.getHttpServer()).post('/v1/payment_intents').auth(key, { type: 'bearer' }).send({});

describe('rate limits per principal and route class', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await edge.start({ limits: 'payment_creation=3,status_read=50,acct_big/payment_creation=5' });
  });
  afterAll(() => app.close());

  it('counts down in the RateLimit headers, then refuses with a 429 envelope and Retry-After', async () => {
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await create(app, 'sk_test_a'));
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 429]);
    expect(answers.map((r) => r.headers['ratelimit-remaining'])).toEqual(['2', '1', '0', '0']);
    expect(answers[0].headers['ratelimit-limit']).toBe('3');
    expect(Number(answers[0].headers['ratelimit-reset'])).toBeGreaterThanOrEqual(1);
    const refused = answers[3];
    expect(refused.body.error).toMatchObject({ type: 'rate_limit_error', code: 'rate_limited', request_id: refused.headers['request-id'] });
    // 3 a minute: the next token comes within 20 s.
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(20);
  });

  it('keeps classes apart: reads go on while creation is refused, under their own limit', async () => {
    const read = await request(app.getHttpServer()).get('/v1/payment_intents/pi_1').auth('sk_test_a', { type: 'bearer' });
    expect(read.status).toBe(200);
    expect(read.headers['ratelimit-limit']).toBe('50');
  });

  it('keeps keys apart, and honours a merchant’s own limit', async () => {
    expect((await create(app, 'sk_test_b')).status).toBe(201);
    const big = [];
    for (let i = 0; i < 6; i++) big.push((await create(app, 'sk_test_big')).status);
    expect(big).toEqual([201, 201, 201, 201, 201, 429]);
  });

  it('never limits health probes', async () => {
    const probe = await request(app.getHttpServer()).get('/health');
    expect(probe.status).toBe(200);
    expect(probe.headers['ratelimit-limit']).toBeUndefined();
  });
});

describe('rate limits per source address', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await edge.start({ limits: 'unauthenticated=2,failed_authentication=2' });
  });
  afterAll(() => app.close());

  it('limits public routes by the caller’s address', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await request(app.getHttpServer()).get('/receipts/rcpt_1')).status);
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('refuses a key guesser once its failed authentications are spent, before checking the next key', async () => {
    const statuses = [];
    for (const key of ['sk_test_guess1', 'sk_test_guess2', 'sk_test_guess3']) statuses.push(await create(app, key));
    expect(statuses.map((r) => r.status)).toEqual([401, 401, 429]);
    expect(edge.bus.sent.map((sent) => (sent.request as { key: string }).key)).not.toContain('sk_test_guess3');
    expect(statuses[2].body.error).toMatchObject({ type: 'rate_limit_error', code: 'rate_limited' });
    expect(statuses[2].body.error.message).toMatch(/failed authentications/);
    expect(Number(statuses[2].headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(statuses[0].headers['ratelimit-limit']).toBe('2');
  });
});
