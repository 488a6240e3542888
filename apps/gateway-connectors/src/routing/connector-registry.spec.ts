import type { Caller, Gateway, GatewayCapabilities } from '@payrail/contracts';
import { BUILT_IN_SANDBOX_ROUTE, ConnectorRegistry } from './connector-registry.js';
import { GatewayAccountSource, type RoutableAccount } from './gateway-account-source.js';
import type { ConnectorFactory, GatewayAccountContext, PaymentConnector } from './payment-connector.js';

const testMode: Caller = { merchantId: 'acct_a', livemode: false };

function fakeConnector(name: string, account: GatewayAccountContext): PaymentConnector & { account: GatewayAccountContext } {
  const unused = () => Promise.reject(new Error('not used'));
  return { name, account, authorize: unused, completeAuthentication: unused, capture: unused, void: unused, refund: unused, syncRefund: unused, sync: unused };
}

/** A test-only gateway: records what it was asked to build. */
class FakeFactory implements ConnectorFactory {
  readonly built: GatewayAccountContext[] = [];
  readonly credentialFields = ['secret_key'];

  constructor(
    readonly gateway: Gateway,
    readonly capabilities: GatewayCapabilities,
  ) {}

  validateCredentials(): void {}

  create(account: GatewayAccountContext): PaymentConnector {
    this.built.push(account);
    return fakeConnector(this.gateway, account);
  }
}

const capabilities = (paymentMethodTypes: string[], currencies: string[]): GatewayCapabilities => ({
  paymentMethodTypes,
  currencies,
  countries: ['*'],
  manualCapture: true,
  partialCapture: true,
  refunds: true,
  partialRefunds: true,
  threeDSecure: false,
});

/** Accounts in memory, keyed by merchant and mode, with a count of unsealings. */
class MemoryAccounts extends GatewayAccountSource {
  enabled: Array<RoutableAccount & { merchantId: string }> = [];
  disabled: Array<RoutableAccount & { merchantId: string }> = [];
  opened = 0;

  add(caller: Caller, id: string, gateway: string, options: { enabled?: boolean; version?: number; key?: string } = {}): void {
    const account = {
      id,
      gateway,
      merchantId: caller.merchantId,
      livemode: caller.livemode,
      version: options.version ?? 1,
      openCredentials: () => {
        this.opened += 1;
        return { secret_key: options.key ?? `sk_${id}` };
      },
    };
    (options.enabled === false ? this.disabled : this.enabled).push(account);
  }

  enabledAccounts(caller: Caller): Promise<RoutableAccount[]> {
    return Promise.resolve(this.enabled.filter((account) => account.merchantId === caller.merchantId && account.livemode === caller.livemode));
  }

  account(caller: Caller, id: string): Promise<RoutableAccount | null> {
    const all = [...this.enabled, ...this.disabled];
    return Promise.resolve(all.find((account) => account.id === id && account.merchantId === caller.merchantId && account.livemode === caller.livemode) ?? null);
  }
}

describe('ConnectorRegistry', () => {
  let accounts: MemoryAccounts;
  let sandbox: FakeFactory;
  let stripe: FakeFactory;
  let razorpay: FakeFactory;
  let registry: ConnectorRegistry;

  beforeEach(() => {
    accounts = new MemoryAccounts();
    sandbox = new FakeFactory('sandbox', capabilities(['card'], ['*']));
    stripe = new FakeFactory('stripe', capabilities(['card'], ['usd', 'eur']));
    razorpay = new FakeFactory('razorpay', capabilities(['card', 'upi'], ['inr']));
    registry = new ConnectorRegistry([sandbox, stripe, razorpay], accounts);
  });

  it('builds an account connector from its unsealed credentials once, until the account changes', async () => {
    accounts.add(testMode, 'ga_stripe', 'stripe', { key: 'sk_test_first' });
    const route = { gateway: 'stripe', gatewayAccountId: 'ga_stripe' };
    const first = await registry.connectorFor(testMode, route);
    expect(await registry.connectorFor(testMode, route)).toBe(first);
    expect(accounts.opened).toBe(1);
    expect(stripe.built).toEqual([{ id: 'ga_stripe', livemode: false, credentials: { secret_key: 'sk_test_first' } }]);

    accounts.enabled[0] = { ...accounts.enabled[0], version: 2 };
    const rebuilt = await registry.connectorFor(testMode, route);
    expect(rebuilt).not.toBe(first);
    expect(accounts.opened).toBe(2);
  });

  it('reaches a disabled account for the payments it took, and nobody else\'s account at all', async () => {
    accounts.add(testMode, 'ga_off', 'stripe', { enabled: false });
    const connector = (await registry.connectorFor(testMode, { gateway: 'stripe', gatewayAccountId: 'ga_off' })) as ReturnType<typeof fakeConnector>;
    expect(connector.account.id).toBe('ga_off');
    const other = await registry.connectorFor({ merchantId: 'acct_b', livemode: false }, { gateway: 'stripe', gatewayAccountId: 'ga_off' }).catch((error: unknown) => error);
    expect(other).toMatchObject({ code: 'resource_missing', status: 404 });
  });

  it('gives the built-in sandbox without any account, and names an unsupported gateway as the parameter at fault', async () => {
    const connector = (await registry.connectorFor(testMode, BUILT_IN_SANDBOX_ROUTE)) as ReturnType<typeof fakeConnector>;
    expect(connector.account).toEqual({ id: 'sandbox', livemode: false, credentials: {} });
    expect(() => registry.factory('mpesa')).toThrow(expect.objectContaining({ code: 'parameter_invalid', param: 'gateway' }) as Error);
    expect(registry.factories().map((factory) => factory.gateway)).toEqual(['sandbox', 'stripe', 'razorpay']);
  });

  it('refuses a registry without the sandbox, or with two factories for one gateway', () => {
    expect(() => new ConnectorRegistry([stripe], accounts)).toThrow(/sandbox/);
    expect(() => new ConnectorRegistry([sandbox, stripe, new FakeFactory('stripe', capabilities(['card'], ['*']))], accounts)).toThrow(/two connector factories/);
  });
});
