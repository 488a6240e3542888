import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { DEFAULT_RETRIES, parseRetryAfter, retryDelayMs } from '../src/http/retry-policy.js';
import { createTransport, ConnectionError, SDK_VERSION } from '../src/index.js';

describe('retry policy', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    assert.equal(parseRetryAfter('3'), 3000);
    assert.equal(parseRetryAfter(new Date(10_000).toUTCString(), 4_000), 6000);
    assert.equal(parseRetryAfter(null), null);
    assert.equal(parseRetryAfter('soon'), null);
  });

  it('backs off exponentially with jitter, honours Retry-After, and caps both', () => {
    const options = { ...DEFAULT_RETRIES, initialDelayMs: 100, maxDelayMs: 1000 };
    assert.equal(retryDelayMs(1, options, null, () => 0), 50);
    assert.equal(retryDelayMs(1, options, null, () => 1), 100);
    assert.equal(retryDelayMs(3, options, null, () => 1), 400);
    assert.equal(retryDelayMs(10, options, null, () => 1), 1000);
    assert.equal(retryDelayMs(1, options, 700), 700);
    assert.equal(retryDelayMs(1, options, 60_000), 1000);
  });

  it('retries network failures and then reports a ConnectionError', async () => {
    let attempts = 0;
    const failing: typeof fetch = async () => { attempts += 1; throw new TypeError('fetch failed'); };
    const transport = createTransport({ authenticator: { headers: async () => ({}) }, fetch: failing, retries: { maxRetries: 2 }, sleep: async () => undefined });
    await assert.rejects(transport('http://127.0.0.1:9/v1/balance'), ConnectionError);
    assert.equal(attempts, 3);
  });

  it('gives up on an attempt after timeoutMs and retries it', async () => {
    let attempts = 0;
    const hanging: typeof fetch = (_input, init) => new Promise((_resolve, reject) => {
      attempts += 1;
      init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
    });
    const transport = createTransport({ authenticator: { headers: async () => ({}) }, fetch: hanging, timeoutMs: 50, retries: { maxRetries: 1 }, sleep: async () => undefined });
    await assert.rejects(transport('http://127.0.0.1:9/v1/balance'), ConnectionError);
    assert.equal(attempts, 2);
  });

  it('keeps its version equal to package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    assert.equal(SDK_VERSION, pkg.version);
  });
});
