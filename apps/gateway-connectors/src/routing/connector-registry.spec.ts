import { PayrailError } from '@payrail/errors';
import { ConnectorRegistry } from './connector-registry.js';
import type { PaymentConnector } from './payment-connector.js';

function fakeConnector(name: string): PaymentConnector {
  return {
    name,
    authorize: () => Promise.reject(new Error('not used')),
    completeAuthentication: () => Promise.reject(new Error('not used')),
    capture: () => Promise.reject(new Error('not used')),
    void: () => Promise.reject(new Error('not used')),
    refund: () => Promise.reject(new Error('not used')),
    sync: () => Promise.reject(new Error('not used')),
  };
}

describe('ConnectorRegistry', () => {
  const sandbox = fakeConnector('sandbox');
  const stripe = fakeConnector('stripe');

  it('resolves a connector by name and routes authorisations to the default', () => {
    const registry = new ConnectorRegistry([sandbox, stripe], 'sandbox');
    expect(registry.resolve('stripe')).toBe(stripe);
    expect(registry.routeAuthorization()).toBe(sandbox);
    expect(registry.names()).toEqual(['sandbox', 'stripe']);
  });

  it('refuses an unknown connector with a domain error', () => {
    const registry = new ConnectorRegistry([sandbox], 'sandbox');
    expect(() => registry.resolve('razorpay')).toThrow(PayrailError);
  });

  it('refuses a registry that cannot route or is ambiguous', () => {
    expect(() => new ConnectorRegistry([sandbox], 'stripe')).toThrow(/not registered/);
    expect(() => new ConnectorRegistry([sandbox, fakeConnector('sandbox')], 'sandbox')).toThrow(/twice/);
  });
});
