import { DEFAULT_LEASE_SECONDS } from '../idempotency/idempotency.service.js';
import { DEFAULT_REVOCATION_POLL_MS } from '../oauth/revoked-access-tokens.js';
import { DEFAULT_STREAM_LIMITS } from '../streams/stream-connection.js';
import { loadEdgeSettings } from './edge.config.js';

const secretsKey = 'a-secrets-key-that-is-long-enough-0123456789';

describe('edge settings', () => {
  it('defaults to the request host for links and issuer, the default revocation poll and lease, no trusted proxy and no /metrics', () => {
    expect(loadEdgeSettings({ PAYRAIL_SECRETS_KEY: secretsKey })).toEqual({
      secretsKey,
      publicUrl: undefined,
      oauthIssuer: undefined,
      revocationPollMs: DEFAULT_REVOCATION_POLL_MS,
      idempotencyLeaseSeconds: DEFAULT_LEASE_SECONDS,
      trustProxy: false,
      streamLimits: DEFAULT_STREAM_LIMITS,
      redisUrl: undefined,
      rateLimits: [],
      requestLogRetentionDays: 30,
      metricsEndpoint: false,
    });
  });

  it('serves /metrics on the edge only when PAYRAIL_EDGE_METRICS=on, and refuses any other value', () => {
    expect(loadEdgeSettings({ PAYRAIL_SECRETS_KEY: secretsKey, PAYRAIL_EDGE_METRICS: 'on' }).metricsEndpoint).toBe(true);
    expect(loadEdgeSettings({ PAYRAIL_SECRETS_KEY: secretsKey, PAYRAIL_EDGE_METRICS: 'off' }).metricsEndpoint).toBe(false);
    expect(() => loadEdgeSettings({ PAYRAIL_SECRETS_KEY: secretsKey, PAYRAIL_EDGE_METRICS: 'yes' })).toThrow(/PAYRAIL_EDGE_METRICS/);
  });

  it('reads the shared rate-limit store and the limits, and refuses what it cannot use', () => {
    expect(loadEdgeSettings({ PAYRAIL_SECRETS_KEY: secretsKey, PAYRAIL_REDIS_URL: 'redis://10.0.0.5:6379/0', PAYRAIL_RATE_LIMITS: 'acct_1/default=50' })).toMatchObject({
      redisUrl: 'redis://10.0.0.5:6379/0',
      rateLimits: [{ merchant: 'acct_1', name: 'default', perMinute: 50 }],
    });
    expect(() => loadEdgeSettings({ PAYRAIL_SECRETS_KEY: secretsKey, PAYRAIL_REDIS_URL: '10.0.0.5:6379' })).toThrow(/PAYRAIL_REDIS_URL/);
    expect(() => loadEdgeSettings({ PAYRAIL_SECRETS_KEY: secretsKey, PAYRAIL_RATE_LIMITS: 'fast=1' })).toThrow(/PAYRAIL_RATE_LIMITS/);
  });

  it('reads the live streams\' heartbeat and slow-client limit, and refuses them out of range', () => {
    expect(loadEdgeSettings({ PAYRAIL_SECRETS_KEY: secretsKey, PAYRAIL_STREAM_HEARTBEAT_MS: '2000', PAYRAIL_STREAM_MAX_BUFFERED_BYTES: '65536' })).toMatchObject({
      streamLimits: { heartbeatMs: 2000, maxBufferedBytes: 65536 },
    });
    for (const bad of ['0', 'often', '600000']) {
      expect(() => loadEdgeSettings({ PAYRAIL_SECRETS_KEY: secretsKey, PAYRAIL_STREAM_HEARTBEAT_MS: bad })).toThrow(/PAYRAIL_STREAM_HEARTBEAT_MS/);
    }
    expect(() => loadEdgeSettings({ PAYRAIL_SECRETS_KEY: secretsKey, PAYRAIL_STREAM_MAX_BUFFERED_BYTES: '10' })).toThrow(/PAYRAIL_STREAM_MAX_BUFFERED_BYTES/);
  });

  it('reads the idempotency lease and the trusted proxies, and refuses a lease out of range', () => {
    expect(loadEdgeSettings({ PAYRAIL_SECRETS_KEY: secretsKey, PAYRAIL_IDEMPOTENCY_LEASE_SECONDS: '5', PAYRAIL_TRUST_PROXY: '1' })).toMatchObject({
      idempotencyLeaseSeconds: 5,
      trustProxy: 1,
    });
    for (const bad of ['0', 'soon', '86400']) {
      expect(() => loadEdgeSettings({ PAYRAIL_SECRETS_KEY: secretsKey, PAYRAIL_IDEMPOTENCY_LEASE_SECONDS: bad })).toThrow(/PAYRAIL_IDEMPOTENCY_LEASE_SECONDS/);
    }
  });

  it('reads the public URL, the issuer and the revocation poll interval', () => {
    const settings = loadEdgeSettings({
      PAYRAIL_SECRETS_KEY: secretsKey,
      PAYRAIL_PUBLIC_URL: 'http://localhost:3000',
      PAYRAIL_OAUTH_ISSUER: 'https://auth.example.com/',
      PAYRAIL_REVOCATION_POLL_MS: '500',
    });
    expect(settings).toMatchObject({ publicUrl: 'http://localhost:3000', oauthIssuer: 'https://auth.example.com/', revocationPollMs: 500 });
  });

  it('refuses a nonsense revocation poll interval at boot, naming the variable', () => {
    for (const bad of ['0', '-1', 'soon', '1.5', '60000']) {
      expect(() => loadEdgeSettings({ PAYRAIL_SECRETS_KEY: secretsKey, PAYRAIL_REVOCATION_POLL_MS: bad })).toThrow(/PAYRAIL_REVOCATION_POLL_MS/);
    }
  });

  it('lists every problem at once and never echoes a value', () => {
    const attempt = () => loadEdgeSettings({ PAYRAIL_SECRETS_KEY: 'short-secret', PAYRAIL_PUBLIC_URL: 'javascript:alert(1)' });
    expect(attempt).toThrow(/PAYRAIL_SECRETS_KEY.*PAYRAIL_PUBLIC_URL|PAYRAIL_PUBLIC_URL.*PAYRAIL_SECRETS_KEY/);
    expect(attempt).not.toThrow(/short-secret|javascript/);
  });
});
