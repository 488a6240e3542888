import { OAuthScopes } from '@payrail/contracts';
import { newId } from '@payrail/domain';
import { generateSecret, hashSecret } from '@payrail/signing';
import { OAuthClientEntity } from './oauth-client.entity.js';

const CLIENT_SECRET_BYTES = 32;

/** What a merchant's first client may ask for: the catalogue but API key management (see `OAuthScopes`). */
export const DEFAULT_CLIENT_SCOPES: string[] = OAuthScopes.filter((scope) => scope !== 'api_keys:manage');

export interface IssuedOAuthClient {
  entity: OAuthClientEntity;
  clientSecret: string;
}

export function issueOAuthClient(options: {
  pepper: string;
  merchantId: string;
  name: string;
  scopes: string[];
  livemode?: boolean;
  now: Date;
}): IssuedOAuthClient {
  const clientSecret = generateSecret('', CLIENT_SECRET_BYTES);
  const entity = Object.assign(new OAuthClientEntity(), {
    id: newId('cli'),
    merchantId: options.merchantId,
    secretHash: hashSecret(options.pepper, clientSecret),
    name: options.name,
    scopes: [...options.scopes],
    livemode: options.livemode ?? false,
    createdAt: options.now,
    revokedAt: null,
  });
  return { entity, clientSecret };
}
