import { Inject, Injectable } from '@nestjs/common';
import type { GatewayCapabilities } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { GATEWAY_CONNECTORS_CONFIG, type GatewayConnectorsConfig } from '../../config/gateway-connectors.config.js';
import { GatewayHttpClient } from '../../http/gateway-http-client.js';
import type { ConnectorFactory, GatewayAccountContext, PaymentConnector } from '../../routing/payment-connector.js';
import { DarajaApi } from './daraja-api.js';
import { DarajaTokenCache } from './daraja-token-cache.js';
import { MpesaCallbackTokens } from './mpesa-callback-url.js';
import { MpesaConnector } from './mpesa.connector.js';

const REQUIRED_FIELDS = ['consumer_key', 'consumer_secret', 'shortcode', 'passkey', 'environment'] as const;
/**
 * Buy Goods tills and reversals need more than the STK push does. `api_base` (test mode only) points a
 * sandbox account at a Daraja simulator, for tests that start their own.
 */
const OPTIONAL_FIELDS = ['transaction_type', 'till_number', 'initiator_name', 'security_credential', 'api_base'] as const;
const CREDENTIAL_FIELDS: readonly string[] = [...REQUIRED_FIELDS, ...OPTIONAL_FIELDS];

export const DARAJA_PRODUCTION_API_BASE = 'https://api.safaricom.co.ke';

const SHORTCODE = /^\d{5,7}$/;
const TOKEN_LIKE = /^[A-Za-z0-9+/=_-]{8,256}$/;
const TRANSACTION_TYPES: Record<string, 'CustomerPayBillOnline' | 'CustomerBuyGoodsOnline'> = { paybill: 'CustomerPayBillOnline', buy_goods: 'CustomerBuyGoodsOnline' };

/** Makes the M-Pesa connector of a merchant's Daraja app and shortcode. */
@Injectable()
export class MpesaConnectorFactory implements ConnectorFactory {
  readonly gateway = 'mpesa' as const;
  readonly credentialFields = REQUIRED_FIELDS;
  readonly optionalCredentialFields = OPTIONAL_FIELDS;
  readonly capabilities: GatewayCapabilities = {
    paymentMethodTypes: ['mpesa'],
    currencies: ['kes'],
    countries: ['KE'],
    manualCapture: false,
    partialCapture: false,
    refunds: true,
    partialRefunds: false,
    threeDSecure: false,
  };

  /** One cache for every account of this replica: tokens outlive the connector made per call. */
  private readonly tokens = new DarajaTokenCache();
  private readonly callbackTokens: MpesaCallbackTokens;

  constructor(
    private readonly http: GatewayHttpClient,
    @Inject(GATEWAY_CONNECTORS_CONFIG)
    private readonly config: Pick<GatewayConnectorsConfig, 'mpesaSandboxApiBase' | 'mpesaPromptTimeoutMs' | 'publicUrl' | 'secretsKey' | 'cardFingerprintKey'>,
  ) {
    this.callbackTokens = new MpesaCallbackTokens(config.secretsKey);
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
    const environment = credentials['environment'];
    if (environment !== 'sandbox' && environment !== 'production') {
      throw new PayrailError('parameter_invalid', 'credentials[environment] must be sandbox or production.', { param: 'credentials[environment]' });
    }
    if ((environment === 'production') !== livemode) {
      throw new PayrailError('parameter_invalid', `This is a ${livemode ? 'live' : 'test'} mode request: credentials[environment] must be ${livemode ? 'production' : 'sandbox'}.`, {
        param: 'credentials[environment]',
      });
    }
    if (!SHORTCODE.test(credentials['shortcode'])) {
      throw new PayrailError('parameter_invalid', 'credentials[shortcode] must be the 5 to 7 digit paybill or till number.', { param: 'credentials[shortcode]' });
    }
    // Never echo a secret, even when refusing it.
    for (const field of ['consumer_key', 'consumer_secret', 'passkey'] as const) {
      if (!TOKEN_LIKE.test(credentials[field])) throw new PayrailError('parameter_invalid', `credentials[${field}] is not in the shape Daraja issues.`, { param: `credentials[${field}]` });
    }
    const type = credentials['transaction_type'];
    if (type !== undefined && !(type in TRANSACTION_TYPES)) {
      throw new PayrailError('parameter_invalid', 'credentials[transaction_type] must be paybill or buy_goods.', { param: 'credentials[transaction_type]' });
    }
    if (type === 'buy_goods' && !SHORTCODE.test(credentials['till_number'] ?? '')) {
      throw new PayrailError('parameter_missing', 'Buy Goods needs credentials[till_number] (5 to 7 digits).', { param: 'credentials[till_number]' });
    }
    const apiBase = credentials['api_base'];
    if (apiBase !== undefined && (livemode || !isHttpUrl(apiBase))) {
      throw new PayrailError('parameter_invalid', 'credentials[api_base] is for test mode only, and must be an http(s) URL.', { param: 'credentials[api_base]' });
    }
    if ((credentials['initiator_name'] === undefined) !== (credentials['security_credential'] === undefined)) {
      const missing = credentials['initiator_name'] === undefined ? 'initiator_name' : 'security_credential';
      throw new PayrailError('parameter_missing', `Reversals need both initiator_name and security_credential: credentials[${missing}] is missing.`, { param: `credentials[${missing}]` });
    }
  }

  create(account: GatewayAccountContext): PaymentConnector {
    this.validateCredentials(account.credentials, account.livemode);
    const credentials = account.credentials;
    const apiBase = credentials['environment'] === 'production' ? DARAJA_PRODUCTION_API_BASE : (credentials['api_base']?.replace(/\/+$/, '') ?? this.config.mpesaSandboxApiBase);
    const api = new DarajaApi(this.http, this.tokens, apiBase, { consumerKey: credentials['consumer_key'], consumerSecret: credentials['consumer_secret'] });
    const buyGoods = credentials['transaction_type'] === 'buy_goods';
    return new MpesaConnector(api, {
      shortcode: credentials['shortcode'],
      passkey: credentials['passkey'],
      transactionType: buyGoods ? 'CustomerBuyGoodsOnline' : 'CustomerPayBillOnline',
      partyB: buyGoods ? credentials['till_number'] : credentials['shortcode'],
      initiatorName: credentials['initiator_name'] ?? null,
      securityCredential: credentials['security_credential'] ?? null,
      callbackUrl: this.config.publicUrl ? this.callbackTokens.urlFor(this.config.publicUrl, account.id) : null,
      promptTimeoutMs: this.config.mpesaPromptTimeoutMs,
      fingerprintKey: this.config.cardFingerprintKey,
    });
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}
