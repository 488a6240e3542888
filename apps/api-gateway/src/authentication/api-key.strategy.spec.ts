import { jest } from '@jest/globals';
import { Patterns, type VerifiedApiKey } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import type { MessageClient } from '@payrail/messaging';
import { FakeBus } from '../testing/edge-controller-under-test.js';
import { authenticateThroughPassport, requestWithHeaders } from '../testing/passport-under-test.js';
import { API_KEY_CACHE_TTL_MS } from './api-key-cache.js';
import { ApiKeyStrategy } from './api-key.strategy.js';

const KNOWN: Record<string, VerifiedApiKey> = {
  sk_test_known: { keyId: 'key_secret', merchantId: 'acct_1', livemode: false, type: 'secret', expiresAt: null },
  pk_live_known: { keyId: 'key_publishable', merchantId: 'acct_1', livemode: true, type: 'publishable', expiresAt: null },
};

/** The auth service's answer to a key: the keys it knows, and api_key_invalid for any other (unknown or revoked). */
function authKnowing(keys: Record<string, VerifiedApiKey>): FakeBus {
  const bus = new FakeBus();
  bus.replies[Patterns.AuthApiKeyVerify] = ({ key }) => {
    const verified = keys[key];
    if (!verified) throw new PayrailError('api_key_invalid', `Invalid API Key provided: ${key.slice(0, 8)}****`);
    return verified;
  };
  return bus;
}

function strategyAsking(bus: FakeBus): ApiKeyStrategy {
  return new ApiKeyStrategy(bus.client as unknown as MessageClient);
}

const withBearer = (key: string) => requestWithHeaders({ authorization: `Bearer ${key}` });

describe('ApiKeyStrategy', () => {
  afterEach(() => jest.useRealTimers());

  it('authenticates a key the auth service knows, as its merchant and mode, saying which kind of key it is', async () => {
    const strategy = strategyAsking(authKnowing(KNOWN));
    await expect(authenticateThroughPassport(strategy, withBearer('sk_test_known'))).resolves.toEqual({
      scheme: 'api_key',
      caller: { merchantId: 'acct_1', livemode: false },
      keyType: 'secret',
    });
    await expect(authenticateThroughPassport(strategy, withBearer('pk_live_known'))).resolves.toMatchObject({
      caller: { merchantId: 'acct_1', livemode: true },
      keyType: 'publishable',
    });
  });

  it('reads the key however Stripe clients send it: Bearer, HTTP Basic username, X-API-Key', async () => {
    const bus = authKnowing(KNOWN);
    const strategy = strategyAsking(bus);
    const basic = `Basic ${Buffer.from('sk_test_known:').toString('base64')}`;
    const ways: Record<string, string>[] = [{ authorization: basic }, { 'X-API-Key': 'sk_test_known' }];
    for (const headers of ways) {
      await expect(authenticateThroughPassport(strategy, requestWithHeaders(headers))).resolves.toMatchObject({ keyType: 'secret' });
    }
  });

  it('refuses an unknown key with the auth service\'s own error', async () => {
    const strategy = strategyAsking(authKnowing(KNOWN));
    await expect(authenticateThroughPassport(strategy, withBearer('sk_test_unknown'))).rejects.toMatchObject({ code: 'api_key_invalid', status: 401 });
  });

  it('refuses a request without any key, saying how to send one', async () => {
    const bus = authKnowing(KNOWN);
    await expect(authenticateThroughPassport(strategyAsking(bus), requestWithHeaders({}))).rejects.toMatchObject({
      code: 'authentication_required',
      status: 401,
      message: expect.stringContaining("'Authorization: Bearer YOUR_SECRET_KEY'"),
    });
    expect(bus.sent).toEqual([]);
  });

  it('asks the auth service about a key once per cache window, and stops taking a revoked key after it', async () => {
    jest.useFakeTimers({ now: 1_800_000_000_000, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const keys = { ...KNOWN };
    const bus = authKnowing(keys);
    const strategy = strategyAsking(bus);
    await authenticateThroughPassport(strategy, withBearer('sk_test_known'));
    await authenticateThroughPassport(strategy, withBearer('sk_test_known'));
    expect(bus.sent).toHaveLength(1);

    delete keys.sk_test_known;
    jest.setSystemTime(Date.now() + API_KEY_CACHE_TTL_MS);
    await expect(authenticateThroughPassport(strategy, withBearer('sk_test_known'))).rejects.toMatchObject({ code: 'api_key_invalid' });
    expect(bus.sent).toHaveLength(2);
  });
});
