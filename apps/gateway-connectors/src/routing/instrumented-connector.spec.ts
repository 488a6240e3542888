import { PayrailMetrics } from '@payrail/messaging';
import { seriesValue } from '@payrail/testing';
import { SandboxConnectorFactory } from '../connectors/sandbox/sandbox-connector.factory.js';
import { SandboxConnector } from '../connectors/sandbox/sandbox.connector.js';
import { MemorySandboxJournal } from '../testing/memory-sandbox-journal.js';
import { GatewayAccountSource, type RoutableAccount } from './gateway-account-source.js';
import { BUILT_IN_SANDBOX_ROUTE, ConnectorRegistry } from './connector-registry.js';

/** Only the built-in sandbox route is used here: no merchant accounts. */
class NoAccounts extends GatewayAccountSource {
  async enabledAccounts(): Promise<RoutableAccount[]> {
    return [];
  }
  async account(): Promise<RoutableAccount | null> {
    return null;
  }
}
const noAccounts = new NoAccounts();

describe('connector calls through the registry are timed by gateway, operation and outcome', () => {
  it('records the sandbox\'s authorisation outcomes and the calls that threw', async () => {
    const metrics = new PayrailMetrics();
    const sandbox = new SandboxConnectorFactory(new SandboxConnector({ cardFingerprintKey: 'k'.repeat(32) }, new MemorySandboxJournal()));
    const registry = new ConnectorRegistry([sandbox], noAccounts, metrics.forService('gateway-connectors'));
    const connector = await registry.connectorFor({ merchantId: 'acct_1', livemode: false }, BUILT_IN_SANDBOX_ROUTE);
    const authorize = (paymentMethod: string, n: number) =>
      connector.authorize({ idempotencyKey: `authorization:pi_${n}:1`, livemode: false, amount: 2000, currency: 'usd', paymentMethod, captureMethod: 'automatic' });

    expect((await authorize('pm_card_visa', 1)).outcome).toBe('succeeded');
    expect((await authorize('pm_card_visa', 2)).outcome).toBe('succeeded');
    expect((await authorize('pm_card_chargeDeclined', 3)).outcome).toBe('declined');
    await expect(authorize('pm_no_such_card', 4)).rejects.toThrow();

    const count = (outcome: string) =>
      seriesValue(metrics, 'payrail_connector_call_duration_seconds_count', { service: 'gateway-connectors', gateway: 'sandbox', operation: 'authorize', outcome });
    expect(await count('succeeded')).toBe(2);
    expect(await count('declined')).toBe(1);
    expect(await count('error')).toBe(1);
    // Neither card numbers nor tokens nor idempotency keys become labels.
    expect(await metrics.exposition()).not.toMatch(/pm_card|pi_\d|4242/);
  });
});
