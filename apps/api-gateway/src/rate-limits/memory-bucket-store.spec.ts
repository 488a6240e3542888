import { MemoryBucketStore } from './memory-bucket-store.js';

describe('token buckets in memory', () => {
  let now = 1_000_000;
  const store = new MemoryBucketStore(() => now);
  afterAll(() => store.close());

  it('allows a burst of the whole limit, then refills continuously: one token every 60 s / limit', async () => {
    const burst = [];
    for (let i = 0; i < 11; i++) burst.push(await store.take('k', 10, 1));
    expect(burst.filter((answer) => answer.allowed)).toHaveLength(10);
    expect(burst[10]).toMatchObject({ allowed: false, remaining: 0, retryAfterMs: 6_000, resetMs: 60_000 });
    now += 6_000;
    expect(await store.take('k', 10, 1)).toMatchObject({ allowed: true, remaining: 0 });
    now += 600_000;
    expect(await store.take('k', 10, 0)).toMatchObject({ allowed: true, remaining: 10, resetMs: 0 });
  });
});
