import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Payrail, RateLimitError } from '../src/index.js';
import { baseUrl, secretKeyClient } from './platform.js';

// .ci/sdk-typescript.sh starts the platform with payment_creation=30 a minute: a bucket of 30 refilled one every 2 s.
const PAYMENT_CREATION_PER_MINUTE = 30;

describe('rate limits against the platform', () => {
  it('retries a 429 after Retry-After and succeeds, with one Idempotency-Key for every attempt', async () => {
    // A key of its own, so that its bucket is the only one this test empties.
    const key = await secretKeyClient().apiKeys.postApiKeys({ createApiKeyDto: { type: 'secret', livemode: false, name: 'sdk rate-limit test' } });
    assert.ok(key.secret);
    const create = () => fetch(`${baseUrl}/v1/payment_intents`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key.secret}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ amount: 100, currency: 'usd' }),
    });
    let refused = 0;
    for (let i = 0; i < PAYMENT_CREATION_PER_MINUTE + 2 && refused === 0; i += 1) {
      if ((await create()).status === 429) refused += 1;
    }
    assert.equal(refused, 1, 'the bucket ran dry');

    const sentKeys: string[] = [];
    const retries: { status: number | null; delayMs: number }[] = [];
    const recordingFetch: typeof fetch = (input, init) => {
      sentKeys.push(new Headers(init?.headers).get('idempotency-key') ?? '');
      return fetch(input, init);
    };
    const payrail = new Payrail({ baseUrl, apiKey: key.secret, fetch: recordingFetch, retries: { maxRetries: 4 }, onRetry: (info) => retries.push(info) });
    const created = await payrail.paymentIntents.postPaymentIntents({ createPaymentIntentDto: { amount: 100, currency: 'usd' } });
    assert.match(created.id, /^pi_/);
    assert.ok(retries.length >= 1 && retries[0].status === 429, 'the first attempt was refused and retried');
    assert.ok(retries[0].delayMs >= 500, `waited as Retry-After said (${retries[0].delayMs} ms)`);
    assert.equal(new Set(sentKeys).size, 1, 'one Idempotency-Key across the retries');
    assert.ok(sentKeys[0].length > 0);
  });

  it('gives up with a typed RateLimitError when retries are off', async () => {
    const key = await secretKeyClient().apiKeys.postApiKeys({ createApiKeyDto: { type: 'secret', livemode: false } });
    const payrail = new Payrail({ baseUrl, apiKey: key.secret, retries: { maxRetries: 0 } });
    const outcome = await Promise.allSettled(Array.from({ length: PAYMENT_CREATION_PER_MINUTE + 2 }, () =>
      payrail.paymentIntents.postPaymentIntents({ createPaymentIntentDto: { amount: 100, currency: 'usd' } })));
    const refusals = outcome.filter((result) => result.status === 'rejected').map((result) => result.reason as unknown);
    assert.ok(refusals.length >= 1);
    for (const error of refusals) {
      assert.ok(error instanceof RateLimitError, String(error));
      assert.equal(error.status, 429);
      assert.equal(error.code, 'rate_limited');
    }
  });
});
