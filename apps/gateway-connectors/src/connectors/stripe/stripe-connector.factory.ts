import { Inject, Injectable } from '@nestjs/common';
import type { GatewayCapabilities } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { GATEWAY_CONNECTORS_CONFIG, type GatewayConnectorsConfig } from '../../config/gateway-connectors.config.js';
import { GatewayHttpClient } from '../../http/gateway-http-client.js';
import type { ConnectorFactory, GatewayAccountContext } from '../../routing/payment-connector.js';
import { StripeConnector } from './stripe.connector.js';

/** What Payrail uses of Stripe: cards, in any currency and country Stripe takes, with manual and partial capture. */
export const STRIPE_CAPABILITIES: GatewayCapabilities = {
  paymentMethodTypes: ['card'],
  currencies: ['*'],
  countries: ['*'],
  manualCapture: true,
  partialCapture: true,
  refunds: true,
  partialRefunds: true,
  threeDSecure: true,
};

/** A secret (`sk_`) or restricted (`rk_`) key; its mode part must be the gateway account's mode. */
const SECRET_KEY = /^(?:sk|rk)_(test|live)_[A-Za-z0-9]{1,240}$/;

@Injectable()
export class StripeConnectorFactory implements ConnectorFactory {
  readonly gateway = 'stripe' as const;
  readonly capabilities = STRIPE_CAPABILITIES;
  readonly credentialFields = ['secret_key'] as const;

  constructor(
    @Inject(GATEWAY_CONNECTORS_CONFIG) private readonly config: Pick<GatewayConnectorsConfig, 'stripeApiBase'>,
    private readonly http: GatewayHttpClient,
  ) {}

  validateCredentials(credentials: Readonly<Record<string, string>>, livemode: boolean): void {
    const param = 'credentials[secret_key]';
    const key = credentials['secret_key'];
    if (key === undefined || key === '') throw new PayrailError('parameter_missing', 'A Stripe account needs its secret key.', { param });
    const mode = SECRET_KEY.exec(key)?.[1];
    if (!mode) throw new PayrailError('parameter_invalid', 'This is not a Stripe secret key (sk_… or rk_…).', { param });
    if ((mode === 'live') !== livemode) {
      const wanted = livemode ? 'live' : 'test';
      throw new PayrailError('parameter_invalid', `A ${wanted} mode gateway account needs a Stripe ${wanted} mode key (sk_${wanted}_…).`, { param });
    }
    const unknown = Object.keys(credentials).find((field) => field !== 'secret_key');
    if (unknown) throw new PayrailError('parameter_unknown', `Stripe credentials take only secret_key.`, { param: `credentials[${unknown}]` });
  }

  create(account: GatewayAccountContext): StripeConnector {
    this.validateCredentials(account.credentials, account.livemode);
    return new StripeConnector(this.http, this.config.stripeApiBase, account.credentials['secret_key']!);
  }
}
