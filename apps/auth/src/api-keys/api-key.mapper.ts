import type { VerifiedApiKey } from '@payrail/contracts';
import type { ApiKeyEntity } from './api-key.entity.js';

export function toVerifiedApiKey(entity: ApiKeyEntity): VerifiedApiKey {
  return { keyId: entity.id, merchantId: entity.merchantId, livemode: entity.livemode, type: entity.type };
}
