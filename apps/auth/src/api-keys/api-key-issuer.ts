import type { ApiKeyType } from '@payrail/contracts';
import { newId } from '@payrail/domain';
import { generateSecret, hashSecret, secretLastFour } from '@payrail/signing';
import { API_KEY_SECRET_BYTES, apiKeyPrefix } from './api-key-format.js';
import { ApiKeyEntity } from './api-key.entity.js';

export interface IssuedApiKey {
  entity: ApiKeyEntity;
  /** The key itself: shown once to its owner, never stored. */
  key: string;
}

/** A new random key and the row that records it by keyed hash only. */
export function issueApiKey(options: {
  pepper: string;
  merchantId: string;
  type: ApiKeyType;
  livemode: boolean;
  now: Date;
  name?: string | null;
}): IssuedApiKey {
  const prefix = apiKeyPrefix(options.type, options.livemode);
  const key = generateSecret(prefix, API_KEY_SECRET_BYTES);
  const entity = Object.assign(new ApiKeyEntity(), {
    id: newId('key'),
    merchantId: options.merchantId,
    livemode: options.livemode,
    type: options.type,
    name: options.name ?? null,
    keyHash: hashSecret(options.pepper, key),
    prefix,
    last4: secretLastFour(key),
    createdAt: options.now,
    expiresAt: null,
    revokedAt: null,
  });
  return { entity, key };
}
