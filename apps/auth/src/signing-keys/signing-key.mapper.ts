import type { SigningKeyResource } from '@payrail/contracts';
import type { SigningKeyEntity } from './signing-key.entity.js';

/** Never the sealed secret; the secret itself only when given, in the answer that created the key. */
export function toSigningKeyResource(entity: SigningKeyEntity, secret?: string): SigningKeyResource {
  return {
    id: entity.id,
    object: 'signing_key',
    livemode: entity.livemode,
    last4: entity.last4,
    created: unixSeconds(entity.createdAt),
    revoked_at: entity.revokedAt ? unixSeconds(entity.revokedAt) : null,
    status: entity.revokedAt ? 'revoked' : 'active',
    ...(secret === undefined ? {} : { secret }),
  };
}

function unixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
