import { AdministrativeScopes, OAuthScopes } from '@payrail/contracts';
import { newId } from '@payrail/domain';
import { generateSecret, hashSecret } from '@payrail/signing';
import { OAuthClientEntity } from './oauth-client.entity.js';

const CLIENT_SECRET_BYTES = 32;

/** What a merchant's client may ask for unless told otherwise: the catalogue but the administrative scopes. */
export const DEFAULT_CLIENT_SCOPES: string[] = OAuthScopes.filter((scope) => !AdministrativeScopes.includes(scope));

export interface IssuedOAuthClient {
  entity: OAuthClientEntity;
  clientSecret: string;
}

export interface IssuedClientSecret {
  /** Shown once to the client's owner, never stored. */
  clientSecret: string;
  /** What is stored: the keyed hash. */
  secretHash: string;
}

/** A new random client secret and its keyed hash: for a new client, or a rolled one. */
export function issueClientSecret(pepper: string): IssuedClientSecret {
  const clientSecret = generateSecret('', CLIENT_SECRET_BYTES);
  return { clientSecret, secretHash: hashSecret(pepper, clientSecret) };
}

export function issueOAuthClient(options: {
  pepper: string;
  merchantId: string;
  name: string;
  scopes: string[];
  livemode?: boolean;
  now: Date;
}): IssuedOAuthClient {
  const { clientSecret, secretHash } = issueClientSecret(options.pepper);
  const entity = Object.assign(new OAuthClientEntity(), {
    id: newId('cli'),
    merchantId: options.merchantId,
    secretHash,
    name: options.name,
    scopes: [...options.scopes],
    livemode: options.livemode ?? false,
    createdAt: options.now,
    revokedAt: null,
  });
  return { entity, clientSecret };
}
