import { Injectable } from '@nestjs/common';
import type { GatewayCapabilities } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { SandboxConnector } from './sandbox.connector.js';
import type { ConnectorFactory, GatewayAccountContext, PaymentConnector } from '../../routing/payment-connector.js';

/** The built-in simulator as a gateway: no credentials, test mode only, one connector for every account. */
@Injectable()
export class SandboxConnectorFactory implements ConnectorFactory {
  readonly gateway = 'sandbox' as const;
  readonly credentialFields: readonly string[] = [];
  readonly capabilities: GatewayCapabilities = {
    paymentMethodTypes: ['card'],
    currencies: ['*'],
    countries: ['*'],
    manualCapture: true,
    partialCapture: true,
    refunds: true,
    partialRefunds: true,
    threeDSecure: true,
  };

  constructor(private readonly sandbox: SandboxConnector) {}

  validateCredentials(_credentials: Readonly<Record<string, string>>, livemode: boolean): void {
    // A live payment "authorised" by the simulator would be a sale with no money behind it.
    if (livemode) throw new PayrailError('parameter_invalid', 'The sandbox gateway takes test-mode payments only.', { param: 'gateway' });
  }

  create(_account: GatewayAccountContext): PaymentConnector {
    return this.sandbox;
  }
}
