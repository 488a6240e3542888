import { inspect } from 'node:util';
import { DEFAULT_RETRY_SCHEDULE_MS } from '../deliveries/retry-schedule.js';
import { loadWebhookDispatchConfig } from './webhook-dispatch.config.js';

const key = 'a-secrets-key-that-is-long-enough-0123456789';

describe('webhook-dispatch config', () => {
  it('fails fast without PAYRAIL_SECRETS_KEY, naming it', () => {
    expect(() => loadWebhookDispatchConfig({})).toThrow(/PAYRAIL_SECRETS_KEY/);
    expect(() => loadWebhookDispatchConfig({ PAYRAIL_SECRETS_KEY: 'short' })).toThrow(/PAYRAIL_SECRETS_KEY/);
  });

  it('defaults to dispatching every 500 ms on the default schedule with a 10 s timeout', () => {
    const config = loadWebhookDispatchConfig({ PAYRAIL_SECRETS_KEY: key });
    expect(config).toMatchObject({ pollMs: 500, requestTimeoutMs: 10_000, dispatchEnabled: true, retryScheduleMs: DEFAULT_RETRY_SCHEDULE_MS });
    expect(config.allowPrivateNetworksInTestMode).toBe(false);
    expect(config).toMatchObject({ disableAfterSeconds: 259_200, endpointConcurrency: 4, maxInFlight: 200 });
  });

  it("keeps a paid transaction's own webhook_url 180 days unless told otherwise, refusing nonsense", () => {
    expect(loadWebhookDispatchConfig({ PAYRAIL_SECRETS_KEY: key }).transactionWebhookRetentionSeconds).toBe(180 * 86_400);
    expect(loadWebhookDispatchConfig({ PAYRAIL_SECRETS_KEY: key, PAYRAIL_TRANSACTION_WEBHOOK_RETENTION_SECONDS: '3600' }).transactionWebhookRetentionSeconds).toBe(3600);
    expect(() => loadWebhookDispatchConfig({ PAYRAIL_SECRETS_KEY: key, PAYRAIL_TRANSACTION_WEBHOOK_RETENTION_SECONDS: '0' })).toThrow(/PAYRAIL_TRANSACTION_WEBHOOK_RETENTION_SECONDS/);
  });

  it('reads the disabling period and the concurrency limits, refusing nonsense', () => {
    const config = loadWebhookDispatchConfig({
      PAYRAIL_SECRETS_KEY: key,
      PAYRAIL_WEBHOOK_DISABLE_AFTER_SECONDS: '60',
      PAYRAIL_WEBHOOK_ENDPOINT_CONCURRENCY: '2',
      PAYRAIL_WEBHOOK_MAX_IN_FLIGHT: '50',
    });
    expect(config).toMatchObject({ disableAfterSeconds: 60, endpointConcurrency: 2, maxInFlight: 50 });
    expect(() => loadWebhookDispatchConfig({ PAYRAIL_SECRETS_KEY: key, PAYRAIL_WEBHOOK_ENDPOINT_CONCURRENCY: '0' })).toThrow(/PAYRAIL_WEBHOOK_ENDPOINT_CONCURRENCY/);
  });

  it('reads the schedule, poll interval and off switch', () => {
    const config = loadWebhookDispatchConfig({
      PAYRAIL_SECRETS_KEY: key,
      PAYRAIL_WEBHOOK_RETRY_SCHEDULE_MS: '200,400',
      PAYRAIL_WEBHOOK_POLL_MS: '50',
      PAYRAIL_WEBHOOK_DISPATCH: 'off',
    });
    expect(config).toMatchObject({ retryScheduleMs: [200, 400], pollMs: 50, dispatchEnabled: false });
  });

  it('lets test mode reach private networks only when PAYRAIL_WEBHOOK_ALLOW_PRIVATE_NETWORKS is on', () => {
    expect(loadWebhookDispatchConfig({ PAYRAIL_SECRETS_KEY: key, PAYRAIL_WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'on' }).allowPrivateNetworksInTestMode).toBe(true);
    expect(loadWebhookDispatchConfig({ PAYRAIL_SECRETS_KEY: key, PAYRAIL_WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'off' }).allowPrivateNetworksInTestMode).toBe(false);
    expect(() => loadWebhookDispatchConfig({ PAYRAIL_SECRETS_KEY: key, PAYRAIL_WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'yes' })).toThrow(/PAYRAIL_WEBHOOK_ALLOW_PRIVATE_NETWORKS/);
  });

  it('refuses a malformed schedule or poll interval', () => {
    expect(() => loadWebhookDispatchConfig({ PAYRAIL_SECRETS_KEY: key, PAYRAIL_WEBHOOK_RETRY_SCHEDULE_MS: 'soon' })).toThrow(/RETRY_SCHEDULE/);
    expect(() => loadWebhookDispatchConfig({ PAYRAIL_SECRETS_KEY: key, PAYRAIL_WEBHOOK_POLL_MS: 'often' })).toThrow(/PAYRAIL_WEBHOOK_POLL_MS/);
  });

  it('never shows the key when printed or serialised', () => {
    const config = loadWebhookDispatchConfig({ PAYRAIL_SECRETS_KEY: key });
    expect(JSON.stringify(config)).not.toContain(key);
    expect(inspect(config)).not.toContain(key);
    expect(`${JSON.stringify({ config })}`).toContain('[REDACTED]');
  });
});
