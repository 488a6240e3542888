import { PayrailError } from '@payrail/errors';
import type { ConnectorFactory } from '../routing/payment-connector.js';
import { checkCredentials, checkMetadata } from './gateway-account.params.js';

/** A test-only gateway that wants a Stripe-like secret key of the caller's mode. */
const keyed: ConnectorFactory = {
  gateway: 'stripe',
  credentialFields: ['secret_key'],
  capabilities: { paymentMethodTypes: ['card'], currencies: ['*'], countries: ['*'], manualCapture: true, partialCapture: true, refunds: true, partialRefunds: true, threeDSecure: true },
  validateCredentials: (credentials, livemode) => {
    if (!credentials.secret_key.startsWith(livemode ? 'sk_live_' : 'sk_test_')) {
      throw new PayrailError('parameter_invalid', `Invalid credentials[secret_key]: expected a ${livemode ? 'live' : 'test'} secret key.`, { param: 'credentials[secret_key]' });
    }
  },
  create: () => {
    throw new Error('not used');
  },
};

function refusal(run: () => unknown): { code: string; param: string | undefined; message: string } {
  try {
    run();
  } catch (error) {
    const { code, param, message } = error as PayrailError;
    return { code, param, message };
  }
  throw new Error('expected a refusal');
}

describe('gateway account parameters', () => {
  const secret = 'sk_test_0123456789abcdefghijklmnop';

  it('accepts the fields the gateway needs, as its factory judges them', () => {
    expect(checkCredentials(keyed, { secret_key: secret }, false)).toEqual({ secret_key: secret });
  });

  it('names the credential at fault, and never repeats a value', () => {
    const cases: Array<[unknown, boolean, string, string]> = [
      [{}, false, 'parameter_missing', 'credentials[secret_key]'],
      [undefined, false, 'parameter_missing', 'credentials[secret_key]'],
      [{ secret_key: secret, key_id: 'rzp_test_abc' }, false, 'parameter_unknown', 'credentials[key_id]'],
      [{ secret_key: '' }, false, 'parameter_invalid', 'credentials[secret_key]'],
      [{ secret_key: ` ${secret}` }, false, 'parameter_invalid', 'credentials[secret_key]'],
      [{ secret_key: secret }, true, 'parameter_invalid', 'credentials[secret_key]'],
      ['sk_test_flat', false, 'parameter_invalid', 'credentials'],
    ];
    for (const [credentials, livemode, code, param] of cases) {
      const refused = refusal(() => checkCredentials(keyed, credentials, livemode));
      expect([refused.code, refused.param]).toEqual([code, param]);
      expect(refused.message).not.toContain(secret);
      expect(refused.message).not.toContain('rzp_test_abc');
    }
  });

  it('merges metadata as Stripe does: an empty value unsets its key', () => {
    expect(checkMetadata({ b: '2', a: '' }, { a: '1', c: '3' })).toEqual({ b: '2', c: '3' });
    expect(refusal(() => checkMetadata({ ['k'.repeat(41)]: 'v' }))).toMatchObject({ code: 'parameter_invalid', param: `metadata[${'k'.repeat(41)}]` });
  });
});
