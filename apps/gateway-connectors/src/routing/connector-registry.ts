import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Caller } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { ServiceMetrics } from '@payrail/messaging';
import { GatewayAccountSource, type RoutableAccount } from './gateway-account-source.js';
import { InstrumentedConnector } from './instrumented-connector.js';
import { CONNECTOR_FACTORIES, type ConnectorFactory, type PaymentConnector } from './payment-connector.js';

/** Where a payment goes: a gateway, through one of the merchant's accounts there, or the built-in sandbox (`null`). */
export interface ConnectorRoute {
  gateway: string;
  gatewayAccountId: string | null;
}

export const BUILT_IN_SANDBOX_ROUTE: ConnectorRoute = Object.freeze({ gateway: 'sandbox', gatewayAccountId: null });

/** How long a connector built from unsealed credentials is kept: unsealing per call is waste, keeping them for ever is not needed. */
export const CONNECTOR_CACHE_TTL_MS = 60_000;

/**
 * The gateways this deployment can talk to (one ConnectorFactory each, under CONNECTOR_FACTORIES)
 * and the merchants' accounts at them: gives the connector of the account a payment goes or went
 * through. Which accounts a new authorisation goes to is the RoutePlanner's choice.
 */
@Injectable()
export class ConnectorRegistry {
  private readonly byGateway = new Map<string, ConnectorFactory>();
  private readonly cache = new Map<string, { version: number; connector: PaymentConnector; expiresAt: number }>();

  constructor(
    @Inject(CONNECTOR_FACTORIES) factories: readonly ConnectorFactory[],
    @Inject(GatewayAccountSource) private readonly accounts: GatewayAccountSource,
    @Optional() private readonly metrics?: ServiceMetrics,
  ) {
    for (const factory of factories) {
      if (this.byGateway.has(factory.gateway)) throw new Error(`Gateway ${factory.gateway} has two connector factories`);
      this.byGateway.set(factory.gateway, factory);
    }
    if (!this.byGateway.has(BUILT_IN_SANDBOX_ROUTE.gateway)) throw new Error('The sandbox connector factory is not registered');
  }

  factories(): ConnectorFactory[] {
    return [...this.byGateway.values()];
  }

  /** The factory of a gateway Payrail supports; anything else is the caller's mistake, named as `param`. */
  factory(gateway: string, param = 'gateway'): ConnectorFactory {
    const factory = this.byGateway.get(gateway);
    if (!factory) {
      throw new PayrailError('parameter_invalid', `Unsupported gateway: ${gateway}. Supported gateways: ${[...this.byGateway.keys()].join(', ')}.`, { param });
    }
    return factory;
  }

  /** The connector for a route, made from the account's unsealed credentials and reused for a short while. */
  async connectorFor(caller: Caller, route: ConnectorRoute): Promise<PaymentConnector> {
    const factory = this.factory(route.gateway, 'connector');
    if (route.gatewayAccountId === null) {
      if (route.gateway !== BUILT_IN_SANDBOX_ROUTE.gateway) throw new Error(`Gateway ${route.gateway} has no built-in account`);
      return this.instrumented(factory, factory.create({ id: 'sandbox', livemode: caller.livemode, credentials: {} }));
    }
    const account = await this.accounts.account(caller, route.gatewayAccountId);
    if (!account || account.gateway !== route.gateway) throw PayrailError.notFound('gateway_account', route.gatewayAccountId, 'gateway_account');
    return this.cached(factory, account);
  }

  private cached(factory: ConnectorFactory, account: RoutableAccount): PaymentConnector {
    const now = Date.now();
    const hit = this.cache.get(account.id);
    if (hit && hit.version === account.version && hit.expiresAt > now) return hit.connector;
    for (const [id, entry] of this.cache) if (entry.expiresAt <= now) this.cache.delete(id);
    const connector = this.instrumented(factory, factory.create({ id: account.id, livemode: account.livemode, credentials: account.openCredentials() }));
    this.cache.set(account.id, { version: account.version, connector, expiresAt: now + CONNECTOR_CACHE_TTL_MS });
    return connector;
  }

  private instrumented(factory: ConnectorFactory, connector: PaymentConnector): PaymentConnector {
    return this.metrics ? new InstrumentedConnector(connector, factory.gateway, this.metrics) : connector;
  }

  /** Whether the customer pays this type on the gateway's own checkout page (see ConnectorFactory.paidAtGateway). */
  paidAtGateway(gateway: string, paymentMethodType: string): boolean {
    return this.byGateway.get(gateway)?.paidAtGateway?.includes(paymentMethodType) ?? false;
  }

  /** Whether the gateway declares it can take this payment method type in this currency. */
  canTake(gateway: string, payment: { paymentMethodType: string; currency: string }): boolean {
    const capabilities = this.byGateway.get(gateway)?.capabilities;
    if (!capabilities) return false;
    const currency = payment.currency.toLowerCase();
    return capabilities.paymentMethodTypes.includes(payment.paymentMethodType) && (capabilities.currencies.includes('*') || capabilities.currencies.includes(currency));
  }
}
