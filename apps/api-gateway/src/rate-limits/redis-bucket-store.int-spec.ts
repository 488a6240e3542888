import { freePort, startRedisServer, type RedisServer } from '@payrail/testing';
import { RedisBucketStore } from './redis-bucket-store.js';

describe('rate-limit buckets in a real Redis', () => {
  let redis: RedisServer;
  const warnings: string[] = [];
  const logger = { warn: (message: string) => warnings.push(message) };
  const stores: RedisBucketStore[] = [];
  const store = (): RedisBucketStore => {
    const created = new RedisBucketStore(redis.url, logger);
    stores.push(created);
    return created;
  };

  beforeAll(async () => {
    redis = await startRedisServer(await freePort());
  });

  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await redis?.stop();
  });

  it('two edge replicas share one bucket: together they refuse past the limit, and say what is left', async () => {
    const [a, b] = [store(), store()];
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await (i % 2 === 0 ? a : b).take('payrail:rl:test:shared', 5, 1));
    expect(answers.map((answer) => answer.allowed)).toEqual([true, true, true, true, true, false]);
    expect(answers.map((answer) => answer.remaining)).toEqual([4, 3, 2, 1, 0, 0]);
    // 5 a minute: one token every 12 s.
    expect(answers[5].retryAfterMs).toBeGreaterThan(10_000);
    expect(answers[5].retryAfterMs).toBeLessThanOrEqual(12_000);
    expect(answers[5].resetMs).toBeGreaterThan(55_000);
  });

  it('is atomic: a concurrent burst from two replicas gets exactly the limit through', async () => {
    const [a, b] = [store(), store()];
    const burst = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? a : b).take('payrail:rl:test:burst', 25, 1)));
    expect(burst.filter((answer) => answer.allowed)).toHaveLength(25);
  });

  it('a peek takes nothing, and buckets of other keys are their own', async () => {
    const s = store();
    expect(await s.take('payrail:rl:test:peek', 1, 0)).toMatchObject({ allowed: true, remaining: 1 });
    expect(await s.take('payrail:rl:test:peek', 1, 1)).toMatchObject({ allowed: true, remaining: 0 });
    expect(await s.take('payrail:rl:test:peek', 1, 0)).toMatchObject({ allowed: false, remaining: 0 });
    expect(await s.take('payrail:rl:test:other', 1, 1)).toMatchObject({ allowed: true });
    expect(warnings).toEqual([]);
  });

  it('fails open with a warning once Redis is gone: the request is let through', async () => {
    const s = store();
    await s.take('payrail:rl:test:down', 1, 1);
    await redis.stop();
    const answer = await s.take('payrail:rl:test:down', 1, 1);
    expect(answer).toMatchObject({ allowed: true, limit: 1, remaining: 1 });
    expect(warnings.some((warning) => /Rate limits are not enforced: Redis did not answer/.test(warning))).toBe(true);
  });
});
