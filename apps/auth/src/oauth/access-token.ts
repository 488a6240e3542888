import type { KeyObject } from 'node:crypto';
import { ACCESS_TOKEN_ALGORITHM, ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_TYPE } from '@payrail/contracts';
import { newId } from '@payrail/domain';
import { SignJWT } from 'jose';

export interface AccessTokenSubject {
  clientId: string;
  merchantId: string;
  livemode: boolean;
  scopes: readonly string[];
}

export interface AccessTokenSigning {
  issuer: string;
  kid: string;
  privateKey: KeyObject;
  lifetimeSeconds: number;
  now: Date;
}

/** An RFC 9068 JWT access token: `typ: at+jwt`, ES256, and the merchant and mode it acts for. */
export function signAccessToken(subject: AccessTokenSubject, signing: AccessTokenSigning): Promise<string> {
  const issuedAt = Math.floor(signing.now.getTime() / 1000);
  return new SignJWT({
    client_id: subject.clientId,
    scope: subject.scopes.join(' '),
    merchant_id: subject.merchantId,
    livemode: subject.livemode,
  })
    .setProtectedHeader({ alg: ACCESS_TOKEN_ALGORITHM, typ: ACCESS_TOKEN_TYPE, kid: signing.kid })
    .setIssuer(signing.issuer)
    .setAudience(ACCESS_TOKEN_AUDIENCE)
    .setSubject(subject.clientId)
    .setIssuedAt(issuedAt)
    .setNotBefore(issuedAt)
    .setExpirationTime(issuedAt + signing.lifetimeSeconds)
    .setJti(newId('jti'))
    .sign(signing.privateKey);
}
