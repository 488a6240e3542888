import type { ApiKeyResource, ApiKeyStatus, VerifiedApiKey } from '@payrail/contracts';
import type { ApiKeyEntity } from './api-key.entity.js';

export function toVerifiedApiKey(entity: ApiKeyEntity): VerifiedApiKey {
  return {
    keyId: entity.id,
    merchantId: entity.merchantId,
    livemode: entity.livemode,
    type: entity.type,
    expiresAt: entity.expiresAt ? entity.expiresAt.getTime() : null,
  };
}

export function apiKeyStatus(entity: Pick<ApiKeyEntity, 'expiresAt' | 'revokedAt'>, now: Date): ApiKeyStatus {
  if (entity.revokedAt) return 'revoked';
  if (!entity.expiresAt) return 'active';
  return entity.expiresAt.getTime() > now.getTime() ? 'expiring' : 'expired';
}

/** Redacted: the whole key appears only when `secret` is given, in the answer that issued it. */
export function toApiKeyResource(entity: ApiKeyEntity, now: Date, secret?: string): ApiKeyResource {
  return {
    id: entity.id,
    object: 'api_key',
    type: entity.type,
    livemode: entity.livemode,
    name: entity.name ?? null,
    prefix: entity.prefix,
    last4: entity.last4,
    redacted_key: `${entity.prefix}****${entity.last4}`,
    created: unixSeconds(entity.createdAt),
    expires_at: entity.expiresAt ? unixSeconds(entity.expiresAt) : null,
    revoked_at: entity.revokedAt ? unixSeconds(entity.revokedAt) : null,
    status: apiKeyStatus(entity, now),
    ...(secret === undefined ? {} : { secret }),
  };
}

function unixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
