import { PayrailError } from '@payrail/errors';
import { GatewayHttpClient } from '../../http/gateway-http-client.js';
import { MpesaConnectorFactory } from './mpesa-connector.factory.js';

const factory = new MpesaConnectorFactory(new GatewayHttpClient(), {
  mpesaSandboxApiBase: 'http://127.0.0.1:9',
  mpesaPromptTimeoutMs: 180_000,
  publicUrl: undefined,
  secretsKey: 'factory-spec-secrets-key-0123456789abcdef',
  cardFingerprintKey: 'factory-spec-fingerprint-key-0123456789',
});
const VALID = { consumer_key: 'consumerKey0123', consumer_secret: 'consumerSecret0123', shortcode: '174379', passkey: 'passkey0123456789', environment: 'sandbox' };

function refusalOf(credentials: Record<string, string>, livemode = false): PayrailError {
  try {
    factory.validateCredentials(credentials, livemode);
  } catch (error) {
    return error as PayrailError;
  }
  throw new Error('expected a refusal');
}

describe('MpesaConnectorFactory', () => {
  it('declares M-Pesa in KES for Kenya, refunds in full only, no manual capture', () => {
    expect(factory.capabilities).toMatchObject({ paymentMethodTypes: ['mpesa'], currencies: ['kes'], countries: ['KE'], manualCapture: false, refunds: true, partialRefunds: false });
  });

  it('accepts sandbox credentials in test mode and production ones in live mode', () => {
    expect(() => factory.validateCredentials(VALID, false)).not.toThrow();
    expect(() => factory.validateCredentials({ ...VALID, environment: 'production' }, true)).not.toThrow();
    expect(() => factory.validateCredentials({ ...VALID, transaction_type: 'buy_goods', till_number: '5123456', initiator_name: 'op', security_credential: 'c2VjcmV0Q3JlZA==' }, false)).not.toThrow();
  });

  it.each([
    ['a missing passkey', { ...VALID, passkey: '' }, false, 'parameter_missing', 'credentials[passkey]'],
    ['an unknown field', { ...VALID, api_key: 'x' }, false, 'parameter_unknown', 'credentials[api_key]'],
    ['production credentials in test mode', { ...VALID, environment: 'production' }, false, 'parameter_invalid', 'credentials[environment]'],
    ['sandbox credentials in live mode', VALID, true, 'parameter_invalid', 'credentials[environment]'],
    ['an unknown environment', { ...VALID, environment: 'staging' }, false, 'parameter_invalid', 'credentials[environment]'],
    ['a shortcode that is not 5-7 digits', { ...VALID, shortcode: '12ab' }, false, 'parameter_invalid', 'credentials[shortcode]'],
    ['buy goods without a till', { ...VALID, transaction_type: 'buy_goods' }, false, 'parameter_missing', 'credentials[till_number]'],
    ['an api_base in live mode', { ...VALID, environment: 'production', api_base: 'http://127.0.0.1:9' }, true, 'parameter_invalid', 'credentials[api_base]'],
    ['an api_base that is not a URL', { ...VALID, api_base: 'ftp://x' }, false, 'parameter_invalid', 'credentials[api_base]'],
    ['an initiator without its credential', { ...VALID, initiator_name: 'op' }, false, 'parameter_missing', 'credentials[security_credential]'],
  ])('refuses %s, naming the field', (_, credentials, livemode, code, param) => {
    expect(refusalOf(credentials, livemode)).toMatchObject({ code, param });
  });

  it('never echoes a secret it refuses', () => {
    const secret = 'bad secret with spaces!';
    expect(refusalOf({ ...VALID, consumer_secret: secret }).message).not.toContain(secret);
  });
});
