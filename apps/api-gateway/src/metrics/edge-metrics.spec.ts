import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { PayrailMetrics } from '@payrail/messaging';
import { seriesValue } from '@payrail/testing';
import request from 'supertest';
import { LimitedEdge } from '../testing/limited-edge-under-test.js';

describe('edge metrics: HTTP latency by route template, and rate-limit refusals', () => {
  const metrics = new PayrailMetrics();
  let app: INestApplication;
  beforeAll(async () => {
    app = await new LimitedEdge().start({ limits: 'payment_creation=2', metrics });
  });
  afterAll(() => app.close());

  const count = (labels: Record<string, string>) => seriesValue(metrics, 'payrail_http_request_duration_seconds_count', { service: 'api-gateway', ...labels });

  it('labels requests with the route template and status class, never the raw path or its ids', async () => {
    await request(app.getHttpServer()).get('/v1/payment_intents/pi_secretLooking123').auth('sk_test_a', { type: 'bearer' }).expect(200);
    await request(app.getHttpServer()).get('/v1/payment_intents/pi_other456').auth('sk_test_a', { type: 'bearer' }).expect(200);
    await request(app.getHttpServer()).get('/v1/payment_intents/pi_3').auth('sk_test_nobody', { type: 'bearer' }).expect(401);
    await request(app.getHttpServer()).get('/v1/no_such_thing/xyz_789').auth('sk_test_a', { type: 'bearer' }).expect(404);

    expect(await count({ method: 'GET', route: '/v1/payment_intents/:id', status_class: '2xx' })).toBe(2);
    expect(await count({ method: 'GET', route: '/v1/payment_intents/:id', status_class: '4xx' })).toBe(1);
    expect(await count({ method: 'GET', route: 'unmatched', status_class: '4xx' })).toBe(1);
    const text = await metrics.exposition();
    expect(text).not.toMatch(/pi_secretLooking123|pi_other456|xyz_789|sk_test_/);
  });

  it('counts each 429 under its limit class', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await request(app.getHttpServer()).post('/v1/payment_intents').auth('sk_test_b', { type: 'bearer' }).send({})).status);
    expect(statuses).toEqual([201, 201, 429]);
    expect(await seriesValue(metrics, 'payrail_rate_limit_refusals_total', { service: 'api-gateway', limit: 'payment_creation' })).toBe(1);
    expect(await count({ method: 'POST', route: '/v1/payment_intents', status_class: '4xx' })).toBe(1);
    expect(await count({ method: 'POST', route: '/v1/payment_intents', status_class: '2xx' })).toBe(2);
  });
});
