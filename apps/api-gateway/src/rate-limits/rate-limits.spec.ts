import 'reflect-metadata';
import { Controller, Get, Module, Post, type INestApplication } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Patterns } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { MessageClient } from '@payrail/messaging';
import request from 'supertest';
import { ApiKeyGuard } from '../authentication/api-key.guard.js';
import { Public } from '../authentication/public.decorator.js';
import { configureEdgeHttp } from '../http/create-edge-app.js';
import { AccessTokenVerifier } from '../oauth/access-token.verifier.js';
import { SignedRequestAuthenticator } from '../request-signing/signed-request.authenticator.js';
import { FakeBus } from '../testing/edge-controller-under-test.js';
import { parseRateLimitOverrides } from './rate-limit-policy.js';
import { RateLimitsModule } from './rate-limits.module.js';

@Controller()
class Routes {
  @Post('v1/payment_intents') create() {
    return { object: 'payment_intent' };
  }
  @Get('v1/payment_intents/:id') retrieve() {
    return { object: 'payment_intent' };
  }
  @Public() @Get('receipts/:id') receipt() {
    return { object: 'receipt' };
  }
  @Public() @Get('health') health() {
    return { status: 'ok' };
  }
}

const MERCHANT_OF: Record<string, string> = { sk_test_a: 'acct_a', sk_test_b: 'acct_b', sk_test_big: 'acct_big' };

const bus = new FakeBus();

async function startEdge(limits: string): Promise<INestApplication> {
  bus.replies[Patterns.AuthApiKeyVerify] = ({ key }) => {
    if (!MERCHANT_OF[key]) throw new PayrailError('api_key_invalid', 'Invalid API Key provided.');
    return { keyId: `key_${key}`, merchantId: MERCHANT_OF[key], livemode: false, type: 'secret' };
  };
  @Module({
    imports: [RateLimitsModule.forRoot({ overrides: parseRateLimitOverrides(limits) })],
    controllers: [Routes],
    providers: [
      { provide: MessageClient, useValue: bus.client },
      { provide: SignedRequestAuthenticator, useValue: {} },
      { provide: AccessTokenVerifier, useValue: {} },
      { provide: APP_GUARD, useClass: ApiKeyGuard },
    ],
  })
  class LimitedEdge {}
  const app = await NestFactory.create<NestExpressApplication>(LimitedEdge, { bodyParser: false, logger: false });
  configureEdgeHttp(app);
  await app.listen(0, '127.0.0.1');
  return app;
}

const create = (app: INestApplication, key: string) => request(app.getHttpServer()).post('/v1/payment_intents').auth(key, { type: 'bearer' }).send({});

describe('rate limits per principal and route class', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await startEdge('payment_creation=3,status_read=50,acct_big/payment_creation=5');
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
    app = await startEdge('unauthenticated=2,failed_authentication=2');
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
    expect(bus.sent.map((sent) => (sent.request as { key: string }).key)).not.toContain('sk_test_guess3');
    expect(statuses[2].body.error).toMatchObject({ type: 'rate_limit_error', code: 'rate_limited' });
    expect(statuses[2].body.error.message).toMatch(/failed authentications/);
    expect(Number(statuses[2].headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(statuses[0].headers['ratelimit-limit']).toBe('2');
  });
});
