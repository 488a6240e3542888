import { newId } from '@payrail/domain';
import { generateSecret, hashSecret } from '@payrail/signing';
import { OAuthClientEntity } from './oauth-client.entity.js';

const CLIENT_SECRET_BYTES = 32;

/** What a merchant's first client may ask for; narrower scopes come with the OAuth server. */
export const DEFAULT_CLIENT_SCOPES = ['read_write'];

export interface IssuedOAuthClient {
  entity: OAuthClientEntity;
  clientSecret: string;
}

export function issueOAuthClient(options: {
  pepper: string;
  merchantId: string;
  name: string;
  scopes: string[];
  now: Date;
}): IssuedOAuthClient {
  const clientSecret = generateSecret('', CLIENT_SECRET_BYTES);
  const entity = Object.assign(new OAuthClientEntity(), {
    id: newId('cli'),
    merchantId: options.merchantId,
    secretHash: hashSecret(options.pepper, clientSecret),
    name: options.name,
    scopes: [...options.scopes],
    createdAt: options.now,
    revokedAt: null,
  });
  return { entity, clientSecret };
}
