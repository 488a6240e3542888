import { GatewayHttpClient } from '../../http/gateway-http-client.js';
import { StripeConnectorFactory } from './stripe-connector.factory.js';

describe('StripeConnectorFactory', () => {
  const factory = new StripeConnectorFactory({ stripeApiBase: 'https://api.stripe.com' }, new GatewayHttpClient());

  it('declares the stripe gateway with cards, manual and partial capture, refunds and 3D Secure', () => {
    expect(factory.gateway).toBe('stripe');
    expect(factory.credentialFields).toEqual(['secret_key']);
    expect(factory.capabilities).toMatchObject({ paymentMethodTypes: ['card'], manualCapture: true, partialCapture: true, refunds: true, threeDSecure: true });
  });

  it('accepts a secret or restricted key of the account mode', () => {
    expect(() => factory.validateCredentials({ secret_key: 'sk_test_51Habc' }, false)).not.toThrow();
    expect(() => factory.validateCredentials({ secret_key: 'rk_live_51Habc' }, true)).not.toThrow();
    expect(factory.create({ id: 'ga_1', livemode: false, credentials: { secret_key: 'sk_test_51Habc' } }).name).toBe('stripe');
  });

  it.each([
    [{}, false, 'parameter_missing', 'credentials[secret_key]'],
    [{ secret_key: 'pk_test_51Habc' }, false, 'parameter_invalid', 'credentials[secret_key]'],
    [{ secret_key: 'sk_live_51Habc' }, false, 'parameter_invalid', 'credentials[secret_key]'],
    [{ secret_key: 'sk_test_51Habc' }, true, 'parameter_invalid', 'credentials[secret_key]'],
    [{ secret_key: 'sk_test_51Habc', key_id: 'x' }, false, 'parameter_unknown', 'credentials[key_id]'],
  ])('refuses %j (livemode %s) with %s on %s, never echoing the key', (credentials, livemode, code, param) => {
    let refusal: unknown;
    try {
      factory.validateCredentials(credentials as Record<string, string>, livemode);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({ code, param });
    expect((refusal as Error).message).not.toMatch(/51Habc/);
  });
});
