import { PayrailError } from '@payrail/errors';
import { refusal } from '@payrail/testing';
import { assertClientSecretMatches, requireClientSecretFor } from './client-secret.js';

const intent = { id: 'pi_1', client_secret: 'pi_1_secret_abc' };

describe('client secrets for publishable keys', () => {
  it('requires one from a publishable key, naming the parameter', () => {
    expect(refusal(() => requireClientSecretFor('publishable', undefined))).toMatchObject({ code: 'parameter_missing', param: 'client_secret' });
    expect(refusal(() => requireClientSecretFor('publishable', ''))).toMatchObject({ code: 'parameter_missing' });
    expect(() => requireClientSecretFor('publishable', 'anything')).not.toThrow();
  });

  it('asks nothing of a secret key', () => {
    expect(() => requireClientSecretFor('secret', undefined)).not.toThrow();
    expect(() => assertClientSecretMatches('secret', intent, 'wrong')).not.toThrow();
  });

  it('accepts the intent\'s own secret and answers any other exactly as an unknown intent', () => {
    expect(() => assertClientSecretMatches('publishable', intent, 'pi_1_secret_abc')).not.toThrow();
    const unknown = PayrailError.notFound('payment_intent', 'pi_1', 'intent');
    for (const wrong of ['pi_1_secret_abd', 'pi_1_secret_ab', 'pi_1_secret_abcd', '', undefined]) {
      expect(refusal(() => assertClientSecretMatches('publishable', intent, wrong))).toMatchObject({ code: unknown.code, message: unknown.message, param: unknown.param });
    }
  });
});
