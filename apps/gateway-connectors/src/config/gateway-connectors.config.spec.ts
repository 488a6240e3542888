import { DEFAULT_GATEWAY_PROBE_INTERVAL_MS, loadGatewayConnectorsConfig } from './gateway-connectors.config.js';

const secrets = { PAYRAIL_CARD_FINGERPRINT_KEY: 'config-spec-fingerprint-key-0123456789', PAYRAIL_SECRETS_KEY: 'config-spec-secrets-key-0123456789abcd' };

describe('gateway-connectors configuration: light probes', () => {
  it('probes idle accounts every five minutes unless told otherwise, and not at all with 0', () => {
    expect(loadGatewayConnectorsConfig(secrets).probeIntervalMs).toBe(DEFAULT_GATEWAY_PROBE_INTERVAL_MS);
    expect(DEFAULT_GATEWAY_PROBE_INTERVAL_MS).toBe(300_000);
    expect(loadGatewayConnectorsConfig({ ...secrets, PAYRAIL_GATEWAY_PROBE_INTERVAL_MS: '60000' }).probeIntervalMs).toBe(60_000);
    expect(loadGatewayConnectorsConfig({ ...secrets, PAYRAIL_GATEWAY_PROBE_INTERVAL_MS: '0' }).probeIntervalMs).toBe(0);
  });

  it.each(['500', '-1', 'often'])('refuses to boot with a probe interval of %j, naming the setting', (interval) => {
    expect(() => loadGatewayConnectorsConfig({ ...secrets, PAYRAIL_GATEWAY_PROBE_INTERVAL_MS: interval })).toThrow(/PAYRAIL_GATEWAY_PROBE_INTERVAL_MS/);
  });
});

describe('gateway-connectors configuration: the gateway fee backfill', () => {
  it('checks awaited fees every minute and gives up after three days unless told otherwise', () => {
    expect(loadGatewayConnectorsConfig(secrets).feeBackfill).toEqual({ intervalMs: 60_000, giveUpAfterMs: 72 * 3_600_000 });
    expect(loadGatewayConnectorsConfig({ ...secrets, PAYRAIL_GATEWAY_FEE_BACKFILL_INTERVAL_MS: '300', PAYRAIL_GATEWAY_FEE_GIVE_UP_AFTER_HOURS: '24' }).feeBackfill).toEqual({ intervalMs: 300, giveUpAfterMs: 24 * 3_600_000 });
  });

  it.each([
    ['PAYRAIL_GATEWAY_FEE_BACKFILL_INTERVAL_MS', '0'],
    ['PAYRAIL_GATEWAY_FEE_BACKFILL_INTERVAL_MS', 'hourly'],
    ['PAYRAIL_GATEWAY_FEE_GIVE_UP_AFTER_HOURS', '0'],
    ['PAYRAIL_GATEWAY_FEE_GIVE_UP_AFTER_HOURS', '1000'],
  ])('refuses to boot with %s=%j, naming the setting', (name, value) => {
    expect(() => loadGatewayConnectorsConfig({ ...secrets, [name]: value })).toThrow(new RegExp(name));
  });
});
