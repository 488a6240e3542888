import { Inject, Injectable } from '@nestjs/common';
import type { GatewayCapabilities } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { GATEWAY_CONNECTORS_CONFIG, type GatewayConnectorsConfig } from '../../config/gateway-connectors.config.js';
import { GatewayHttpClient } from '../../http/gateway-http-client.js';
import type { ConnectorFactory, GatewayAccountContext, PaymentConnector } from '../../routing/payment-connector.js';
import { RazorpayApi } from './razorpay-api.js';
import { RAZORPAY_METHOD_TYPES } from './razorpay-payment-method.js';
import { RazorpayConnector } from './razorpay.connector.js';

const REQUIRED_FIELDS = ['key_id', 'key_secret'] as const;
/** `api_base` (test mode only) points a test account at a Razorpay simulator, for tests that start their own. */
const OPTIONAL_FIELDS = ['api_base'] as const;
const CREDENTIAL_FIELDS: readonly string[] = [...REQUIRED_FIELDS, ...OPTIONAL_FIELDS];
/** Razorpay key ids name their mode: `rzp_test_…` or `rzp_live_…`. */
const KEY_ID = /^rzp_(test|live)_[A-Za-z0-9]{6,32}$/;
const KEY_SECRET = /^[A-Za-z0-9_-]{8,128}$/;

/** Makes the Razorpay connector of a merchant's Razorpay account (HTTP Basic `key_id:key_secret`). */
@Injectable()
export class RazorpayConnectorFactory implements ConnectorFactory {
  readonly gateway = 'razorpay' as const;
  readonly credentialFields = REQUIRED_FIELDS;
  readonly optionalCredentialFields = OPTIONAL_FIELDS;
  /** Razorpay takes no card data through its API: cards, like UPI, are paid at Razorpay Checkout. */
  readonly paidAtGateway = RAZORPAY_METHOD_TYPES;
  readonly capabilities: GatewayCapabilities = {
    paymentMethodTypes: RAZORPAY_METHOD_TYPES,
    // International currencies need Razorpay to enable them on the account; UPI is INR only.
    currencies: ['inr', 'usd', 'eur', 'gbp', 'sgd', 'aed', 'aud', 'cad'],
    countries: ['IN'],
    manualCapture: true,
    partialCapture: false,
    refunds: true,
    partialRefunds: true,
    threeDSecure: true,
  };

  private readonly apiBase: string;

  constructor(
    private readonly http: GatewayHttpClient,
    @Inject(GATEWAY_CONNECTORS_CONFIG) config: Pick<GatewayConnectorsConfig, 'razorpayApiBase'>,
  ) {
    this.apiBase = config.razorpayApiBase;
  }

  validateCredentials(credentials: Readonly<Record<string, string>>, livemode: boolean): void {
    for (const field of Object.keys(credentials)) {
      if (!CREDENTIAL_FIELDS.includes(field)) {
        throw new PayrailError('parameter_unknown', `Received unknown parameter: credentials[${field}]`, { param: `credentials[${field}]` });
      }
    }
    for (const field of REQUIRED_FIELDS) {
      if (typeof credentials[field] !== 'string' || credentials[field] === '') {
        throw new PayrailError('parameter_missing', `Missing required param: credentials[${field}].`, { param: `credentials[${field}]` });
      }
    }
    const mode = KEY_ID.exec(credentials['key_id'])?.[1];
    if (!mode) {
      throw new PayrailError('parameter_invalid', 'A Razorpay key_id looks like rzp_test_… or rzp_live_….', { param: 'credentials[key_id]' });
    }
    if ((mode === 'live') !== livemode) {
      const expected = livemode ? 'rzp_live_' : 'rzp_test_';
      throw new PayrailError('parameter_invalid', `This is a ${livemode ? 'live' : 'test'} mode request: the Razorpay key_id must start with ${expected}.`, {
        param: 'credentials[key_id]',
      });
    }
    const apiBase = credentials['api_base'];
    if (apiBase !== undefined && (livemode || !isHttpUrl(apiBase))) {
      throw new PayrailError('parameter_invalid', 'credentials[api_base] is for test mode only, and must be an http(s) URL.', { param: 'credentials[api_base]' });
    }
    // Never echo the secret, even when refusing it.
    if (!KEY_SECRET.test(credentials['key_secret'])) {
      throw new PayrailError('parameter_invalid', 'The Razorpay key_secret is not in the shape Razorpay issues.', { param: 'credentials[key_secret]' });
    }
  }

  create(account: GatewayAccountContext): PaymentConnector {
    this.validateCredentials(account.credentials, account.livemode);
    const keyId = account.credentials['key_id'];
    const keySecret = account.credentials['key_secret'];
    const apiBase = account.livemode ? this.apiBase : (account.credentials['api_base']?.replace(/\/+$/, '') ?? this.apiBase);
    return new RazorpayConnector(new RazorpayApi(this.http, apiBase, { keyId, keySecret }), keyId, keySecret, apiBase);
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
