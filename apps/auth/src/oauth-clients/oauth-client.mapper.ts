import type { OAuthClientResource } from '@payrail/contracts';
import type { OAuthClientEntity } from './oauth-client.entity.js';

/** Never the secret's hash; the secret itself only when given, in the answer that created or rolled it. */
export function toOAuthClientResource(entity: OAuthClientEntity, clientSecret?: string): OAuthClientResource {
  return {
    id: entity.id,
    object: 'oauth_client',
    name: entity.name,
    scopes: [...entity.scopes],
    livemode: entity.livemode,
    created: unixSeconds(entity.createdAt),
    revoked_at: entity.revokedAt ? unixSeconds(entity.revokedAt) : null,
    status: entity.revokedAt ? 'revoked' : 'active',
    ...(clientSecret === undefined ? {} : { client_secret: clientSecret }),
  };
}

function unixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
