import type { VerifiedApiKey } from '@payrail/contracts';
import { API_KEY_CACHE_TTL_MS, ApiKeyCache } from './api-key-cache.js';

const KEY = 'sk_test_CacheSpecKeyBody0123456789abcd';
const T0 = 1_800_000_000_000;

function verified(expiresAt: number | null = null): VerifiedApiKey {
  return { keyId: 'key_1', merchantId: 'mch_1', livemode: false, type: 'secret', expiresAt };
}

function cacheAt(start: number): { cache: ApiKeyCache; advance: (ms: number) => void } {
  let now = start;
  return { cache: new ApiKeyCache(() => now), advance: (ms) => void (now += ms) };
}

describe('ApiKeyCache', () => {
  it('answers from memory for a few seconds, then asks again', () => {
    const { cache, advance } = cacheAt(T0);
    cache.set(KEY, verified());
    advance(API_KEY_CACHE_TTL_MS - 1);
    expect(cache.get(KEY)).toEqual(verified());
    advance(1);
    expect(cache.get(KEY)).toBeUndefined();
  });

  it('never serves a rolled key past its own expiry, even inside the cache window', () => {
    const { cache, advance } = cacheAt(T0);
    cache.set(KEY, verified(T0 + 1_000));
    advance(999);
    expect(cache.get(KEY)).toBeDefined();
    advance(1);
    expect(cache.get(KEY)).toBeUndefined();
  });

  it('does not cache a key whose expiry has already passed', () => {
    const { cache } = cacheAt(T0);
    cache.set(KEY, verified(T0));
    expect(cache.get(KEY)).toBeUndefined();
  });

  it('does not extend an entry each time the key is used: a busy key is re-verified every window', () => {
    const { cache, advance } = cacheAt(T0);
    cache.set(KEY, verified());
    for (let i = 0; i < 4; i += 1) {
      advance(1_000);
      cache.set(KEY, cache.get(KEY)!);
    }
    advance(API_KEY_CACHE_TTL_MS - 4_000);
    expect(cache.get(KEY)).toBeUndefined();
  });

  it('keeps keys apart', () => {
    const { cache } = cacheAt(T0);
    cache.set(KEY, verified());
    expect(cache.get(`${KEY}x`)).toBeUndefined();
  });
});
