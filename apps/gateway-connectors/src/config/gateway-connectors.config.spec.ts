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
