import type { Caller, Gateway, GatewayCapabilities } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { RoutingRuleEntity } from '../routing-rules/routing-rule.entity.js';
import { RoutingRulesRepository } from '../routing-rules/routing-rules.repository.js';
import { BUILT_IN_SANDBOX_ROUTE, ConnectorRegistry } from './connector-registry.js';
import { GatewayAccountSource, type RoutableAccount } from './gateway-account-source.js';
import type { ConnectorFactory, PaymentConnector } from './payment-connector.js';
import { RoutePlanner } from './route-planner.js';

const testMode: Caller = { merchantId: 'acct_a', livemode: false };
const liveMode: Caller = { merchantId: 'acct_a', livemode: true };

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

const factory = (gateway: Gateway, types: string[], currencies: string[], paidAtGateway?: string[]): ConnectorFactory => ({
  gateway,
  ...(paidAtGateway ? { paidAtGateway } : {}),
  capabilities: capabilities(types, currencies),
  credentialFields: [],
  validateCredentials: () => undefined,
  create: () => ({}) as PaymentConnector,
});

class MemoryAccounts extends GatewayAccountSource {
  enabled: Array<RoutableAccount & { merchantId: string }> = [];

  add(caller: Caller, id: string, gateway: string): void {
    this.enabled.push({ id, gateway, merchantId: caller.merchantId, livemode: caller.livemode, version: 1, openCredentials: () => ({}) });
  }

  enabledAccounts(caller: Caller): Promise<RoutableAccount[]> {
    return Promise.resolve(this.enabled.filter((account) => account.merchantId === caller.merchantId && account.livemode === caller.livemode));
  }

  account(): Promise<RoutableAccount | null> {
    return Promise.resolve(null);
  }
}

/** The rules in memory; the planner only reads them. */
class MemoryRules extends RoutingRulesRepository {
  rules: RoutingRuleEntity[] = [];

  constructor() {
    super(undefined as never);
  }

  add(caller: Caller, fields: Partial<RoutingRuleEntity> & Pick<RoutingRuleEntity, 'id' | 'gatewayAccountId'>): void {
    const now = new Date(Date.UTC(2026, 0, 1, 0, 0, this.rules.length));
    this.rules.push(
      Object.assign(new RoutingRuleEntity(), {
        merchantId: caller.merchantId,
        livemode: caller.livemode,
        priority: 0,
        paymentMethodTypes: [],
        currencies: [],
        amountMin: null,
        amountMax: null,
        matchMetadata: {},
        fallbackGatewayAccountIds: [],
        metadata: {},
        createdAt: now,
        updatedAt: now,
        ...fields,
      }),
    );
  }

  override findAll(caller: Caller): Promise<RoutingRuleEntity[]> {
    return Promise.resolve(this.rules.filter((rule) => rule.merchantId === caller.merchantId && rule.livemode === caller.livemode));
  }
}

const payment = (currency: string, overrides: { paymentMethodType?: string; amount?: number; metadata?: Record<string, string> } = {}) => ({
  paymentMethodType: 'card',
  currency,
  amount: 5000,
  metadata: {},
  ...overrides,
});

describe('RoutePlanner', () => {
  let accounts: MemoryAccounts;
  let rules: MemoryRules;
  let planner: RoutePlanner;

  beforeEach(() => {
    accounts = new MemoryAccounts();
    rules = new MemoryRules();
    const registry = new ConnectorRegistry(
      [factory('sandbox', ['card'], ['*']), factory('stripe', ['card'], ['usd', 'eur']), factory('razorpay', ['card', 'upi'], ['inr'], ['card', 'upi'])],
      accounts,
    );
    planner = new RoutePlanner(registry, accounts, rules);
  });

  it('without rules, tries every enabled account able to take the payment, oldest first', async () => {
    accounts.add(testMode, 'ga_razorpay', 'razorpay');
    accounts.add(testMode, 'ga_stripe', 'stripe');
    accounts.add(testMode, 'ga_stripe_second', 'stripe');
    expect(await planner.plan(testMode, payment('USD'))).toEqual([
      { gateway: 'stripe', gatewayAccountId: 'ga_stripe' },
      { gateway: 'stripe', gatewayAccountId: 'ga_stripe_second' },
    ]);
    expect(await planner.plan(testMode, payment('inr', { paymentMethodType: 'upi' }))).toEqual([{ gateway: 'razorpay', gatewayAccountId: 'ga_razorpay' }]);
  });

  it('follows the first matching rule that names a usable account, primary then fallbacks, skipping accounts that cannot take the payment', async () => {
    accounts.add(testMode, 'ga_stripe', 'stripe');
    accounts.add(testMode, 'ga_stripe_big', 'stripe');
    accounts.add(testMode, 'ga_razorpay', 'razorpay');
    rules.add(testMode, { id: 'rr_gone', priority: 0, gatewayAccountId: 'ga_deleted' });
    rules.add(testMode, { id: 'rr_big', priority: 1, amountMin: 100_000, gatewayAccountId: 'ga_stripe_big', fallbackGatewayAccountIds: ['ga_razorpay', 'ga_stripe'] });
    rules.add(testMode, { id: 'rr_web', priority: 2, matchMetadata: { channel: 'web' }, gatewayAccountId: 'ga_stripe_big' });

    // rr_gone matches everything but names no usable account: the next matching rule decides.
    expect(await planner.plan(testMode, payment('usd', { amount: 250_000 }))).toEqual([
      { gateway: 'stripe', gatewayAccountId: 'ga_stripe_big' },
      { gateway: 'stripe', gatewayAccountId: 'ga_stripe' },
    ]);
    expect(await planner.plan(testMode, payment('usd', { metadata: { channel: 'web' } }))).toEqual([{ gateway: 'stripe', gatewayAccountId: 'ga_stripe_big' }]);
    // No rule names a usable account: the capable accounts in creation order.
    expect(await planner.plan(testMode, payment('eur'))).toEqual([
      { gateway: 'stripe', gatewayAccountId: 'ga_stripe' },
      { gateway: 'stripe', gatewayAccountId: 'ga_stripe_big' },
    ]);
    // Another merchant's rules and accounts are not this merchant's routes.
    expect(await planner.plan({ merchantId: 'acct_b', livemode: false }, payment('usd', { amount: 250_000 }))).toEqual([BUILT_IN_SANDBOX_ROUTE]);
  });

  it('falls back to the built-in sandbox in test mode, and never in live mode: no capable live account is a 4xx', async () => {
    accounts.add(testMode, 'ga_stripe_test', 'stripe');
    expect(await planner.plan(testMode, payment('jpy'))).toEqual([BUILT_IN_SANDBOX_ROUTE]);
    const refusal = await planner.plan(liveMode, payment('usd')).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(PayrailError);
    expect(refusal).toMatchObject({ code: 'gateway_account_required', status: 400 });

    accounts.add(liveMode, 'ga_stripe_live', 'stripe');
    expect(await planner.plan(liveMode, payment('usd'))).toEqual([{ gateway: 'stripe', gatewayAccountId: 'ga_stripe_live' }]);
  });

  it('tells payments which payment method types the merchant can route in a currency', async () => {
    expect(await planner.check(testMode, { paymentMethodTypes: ['card', 'upi', 'bogus_type'], currency: 'inr' })).toEqual({ routable: ['card'], unroutable: ['upi', 'bogus_type'] });
    accounts.add(testMode, 'ga_razorpay', 'razorpay');
    expect(await planner.check(testMode, { paymentMethodTypes: ['card', 'upi'], currency: 'INR' })).toEqual({ routable: ['card', 'upi'], unroutable: [] });
    expect(await planner.check(liveMode, { paymentMethodTypes: ['card'], currency: 'usd' })).toEqual({ routable: [], unroutable: ['card'] });
  });

  it('with a plan, names the types the customer would pay on the gateway\'s own page, as the rules would route them', async () => {
    accounts.add(testMode, 'ga_stripe', 'stripe');
    accounts.add(testMode, 'ga_razorpay', 'razorpay');
    const plan = { amount: 5000, metadata: {} };
    expect(await planner.check(testMode, { paymentMethodTypes: ['card', 'upi'], currency: 'inr', plan })).toEqual({ routable: ['card', 'upi'], unroutable: [], paid_at_gateway: ['card', 'upi'] });
    // Cards in USD go to Stripe, whose card Payrail's page takes itself.
    expect(await planner.check(testMode, { paymentMethodTypes: ['card'], currency: 'usd', plan })).toEqual({ routable: ['card'], unroutable: [], paid_at_gateway: [] });
    // Without a Razorpay account, INR cards go to the built-in sandbox, whose cards the page takes itself.
    expect(await planner.check({ merchantId: 'acct_b', livemode: false }, { paymentMethodTypes: ['card', 'upi'], currency: 'inr', plan })).toEqual({
      routable: ['card'],
      unroutable: ['upi'],
      paid_at_gateway: [],
    });
  });
});
