import { newId } from '@payrail/domain';
import { generateSecret, secretLastFour } from '@payrail/signing';
import type { SecretBox } from '@payrail/signing';
import { SigningKeyEntity } from './signing-key.entity.js';

const SIGNING_SECRET_BYTES = 32;

export interface IssuedSigningKey {
  entity: SigningKeyEntity;
  signingSecret: string;
}

/** A request-signing key: the secret is kept sealed, as HMAC verification needs it back. */
export function issueSigningKey(options: { box: SecretBox; merchantId: string; livemode: boolean; now: Date }): IssuedSigningKey {
  const id = newId('hk');
  const signingSecret = generateSecret('', SIGNING_SECRET_BYTES);
  const entity = Object.assign(new SigningKeyEntity(), {
    id,
    merchantId: options.merchantId,
    livemode: options.livemode,
    secretCiphertext: options.box.seal(signingSecret, id),
    last4: secretLastFour(signingSecret),
    createdAt: options.now,
    revokedAt: null,
  });
  return { entity, signingSecret };
}

/** The purpose signing secrets are sealed under (see SecretBox). */
export const SIGNING_SECRET_PURPOSE = 'auth/signing-keys';
