import type { MerchantStanding } from '../merchants/merchant-standing.js';
import { PayrailError } from '@payrail/errors';
import { canonicalRequest, SecretBox, signRequest } from '@payrail/signing';
import type { DataSource } from 'typeorm';
import type { AuthConfig } from '../config/auth.config.js';
import { issueSigningKey, SIGNING_SECRET_PURPOSE } from './signing-key-issuer.js';
import type { SigningKeyEntity } from './signing-key.entity.js';
import type { SigningKeysRepository } from './signing-keys.repository.js';
import { SigningKeysService } from './signing-keys.service.js';

const SECRETS_KEY = 'secrets-key-for-unit-tests-0123456789abcdef';
const box = SecretBox.fromRootKey(SECRETS_KEY, SIGNING_SECRET_PURPOSE);
const issued = issueSigningKey({ box, merchantId: 'mch_1', livemode: false, now: new Date() });
const parts = { method: 'POST', path: '/v1/payment_intents?expand[]=x', timestamp: '1764000000', nonce: 'n1', rawBody: 'amount=100&currency=usd' };

function serviceWith(rows: SigningKeyEntity[]): SigningKeysService {
  const repository = { findActive: async (_manager: unknown, id: string) => rows.find((row) => row.id === id && !row.revokedAt) ?? null };
  const config = { PAYRAIL_API_KEY_PEPPER: 'unused', PAYRAIL_SECRETS_KEY: SECRETS_KEY } as AuthConfig;
  const standing = { assertActive: async () => undefined } as unknown as MerchantStanding;
  return new SigningKeysService(repository as unknown as SigningKeysRepository, { manager: {} } as DataSource, config, standing);
}

async function rejectionOf(promise: Promise<unknown>): Promise<PayrailError> {
  const error = await promise.then(() => undefined, (reason: unknown) => reason);
  expect(error).toBeInstanceOf(PayrailError);
  return error as PayrailError;
}

describe('SigningKeysService.verify', () => {
  const request = (overrides: Partial<{ keyId: string; signature: string; canonical: Buffer }> = {}) => ({
    keyId: overrides.keyId ?? issued.entity.id,
    canonicalRequest: (overrides.canonical ?? canonicalRequest(parts)).toString('base64'),
    signature: overrides.signature ?? signRequest(issued.signingSecret, parts),
  });

  it('answers with the merchant and mode of a request signed with the key’s secret', async () => {
    await expect(serviceWith([issued.entity]).verify(request())).resolves.toEqual({ keyId: issued.entity.id, merchantId: 'mch_1', livemode: false });
  });

  it('refuses an unknown or revoked key with signing_key_invalid', async () => {
    for (const [rows, keyId] of [
      [[issued.entity], 'hk_doesnotexist'],
      [[issued.entity], 'sk_test_notasigningkey'],
      [[{ ...issued.entity, revokedAt: new Date() }], issued.entity.id],
    ] as const) {
      const error = await rejectionOf(serviceWith([...rows]).verify(request({ keyId })));
      expect({ code: error.code, status: error.status }).toEqual({ code: 'signing_key_invalid', status: 401 });
    }
  });

  it('refuses a wrong, upper-case or truncated signature without giving away the expected one or the secret', async () => {
    const good = signRequest(issued.signingSecret, parts);
    const wrongBody = canonicalRequest({ ...parts, rawBody: 'amount=1&currency=usd' });
    for (const attempt of [request({ canonical: wrongBody }), request({ signature: good.toUpperCase() }), request({ signature: good.slice(0, 63) }), request({ signature: '' })]) {
      const error = await rejectionOf(serviceWith([issued.entity]).verify(attempt));
      expect({ code: error.code, status: error.status }).toEqual({ code: 'signature_invalid', status: 401 });
      expect(JSON.stringify(error)).not.toContain(good);
      expect(error.message).not.toContain(good);
      expect(error.message).not.toContain(issued.signingSecret);
    }
  });

  it('cannot be fooled by a ciphertext moved onto another key id', async () => {
    const other = issueSigningKey({ box, merchantId: 'mch_2', livemode: false, now: new Date() });
    const moved = { ...other.entity, secretCiphertext: issued.entity.secretCiphertext };
    await expect(serviceWith([moved]).verify(request({ keyId: other.entity.id }))).rejects.toThrow();
  });
});
