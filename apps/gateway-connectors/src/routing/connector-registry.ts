import { PayrailError } from '@payrail/errors';
import type { PaymentConnector } from './payment-connector.js';

/**
 * The connectors this deployment can reach, by name. Authorisations are routed to the default
 * connector for now; routing rules (by payment method type, currency, merchant) and failover will
 * choose among several once Stripe, Razorpay and M-Pesa are registered.
 */
export class ConnectorRegistry {
  private readonly byName = new Map<string, PaymentConnector>();

  constructor(connectors: readonly PaymentConnector[], private readonly defaultName: string) {
    for (const connector of connectors) {
      if (this.byName.has(connector.name)) throw new Error(`Connector ${connector.name} is registered twice`);
      this.byName.set(connector.name, connector);
    }
    if (!this.byName.has(defaultName)) throw new Error(`Default connector ${defaultName} is not registered`);
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  /** The connector that recorded a transaction, to refund or query it later. */
  resolve(name: string): PaymentConnector {
    const connector = this.byName.get(name);
    if (!connector) throw new PayrailError('parameter_invalid', `Unknown connector: ${name}.`, { param: 'connector' });
    return connector;
  }

  /** The connector a new authorisation goes to. */
  routeAuthorization(): PaymentConnector {
    return this.byName.get(this.defaultName)!;
  }
}
