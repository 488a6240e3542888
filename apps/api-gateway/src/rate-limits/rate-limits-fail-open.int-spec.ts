import 'reflect-metadata';
import type { INestApplication, LoggerService } from '@nestjs/common';
import { freePort, startRedisServer, type RedisServer } from '@payrail/testing';
import request from 'supertest';
import { LimitedEdge } from '../testing/limited-edge-under-test.js';

describe('an edge whose Redis goes away', () => {
  const warnings: string[] = [];
  const logger: LoggerService = { log: () => {}, error: () => {}, warn: (message: string) => warnings.push(message) };
  let redis: RedisServer;
  let app: INestApplication;

  beforeAll(async () => {
    redis = await startRedisServer(await freePort());
    app = await new LimitedEdge().start({ limits: 'payment_creation=2', redisUrl: redis.url, logger });
  });

  afterAll(async () => {
    await app?.close();
    await redis?.stop();
  });

  const create = () => request(app.getHttpServer()).post('/v1/payment_intents').auth('sk_test_a', { type: 'bearer' }).send({});

  it('limits while Redis answers, then serves every request (fails open) and logs a warning', async () => {
    expect([(await create()).status, (await create()).status, (await create()).status]).toEqual([201, 201, 429]);
    expect(warnings).toEqual([]);

    await redis.stop();
    const served = [];
    for (let i = 0; i < 3; i++) served.push(await create());
    expect(served.map((answer) => answer.status)).toEqual([201, 201, 201]);
    expect(warnings.some((warning) => /Rate limits are not enforced: Redis did not answer/.test(warning))).toBe(true);
  });
});
