import type { KeyObject } from 'node:crypto';
import { ACCESS_TOKEN_ALGORITHM, ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_TYPE } from '@payrail/contracts';
import { newId } from '@payrail/domain';
import { SignJWT } from 'jose';

export interface AccessTokenSubject {
  clientId: string;
  /** The `sub`: a user's id for a user's session; the client itself (the default) for client credentials. */
  subject?: string;
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

export interface SignedAccessToken {
  token: string;
  /** What revoking the token deny-lists. */
  jti: string;
  expiresAt: Date;
}

/** An RFC 9068 JWT access token: `typ: at+jwt`, ES256, and the merchant and mode it acts for. */
export async function signAccessToken(subject: AccessTokenSubject, signing: AccessTokenSigning): Promise<SignedAccessToken> {
  const issuedAt = Math.floor(signing.now.getTime() / 1000);
  const expiresAt = issuedAt + signing.lifetimeSeconds;
  const jti = newId('jti');
  const token = await new SignJWT({
    client_id: subject.clientId,
    scope: subject.scopes.join(' '),
    merchant_id: subject.merchantId,
    livemode: subject.livemode,
  })
    .setProtectedHeader({ alg: ACCESS_TOKEN_ALGORITHM, typ: ACCESS_TOKEN_TYPE, kid: signing.kid })
    .setIssuer(signing.issuer)
    .setAudience(ACCESS_TOKEN_AUDIENCE)
    .setSubject(subject.subject ?? subject.clientId)
    .setIssuedAt(issuedAt)
    .setNotBefore(issuedAt)
    .setExpirationTime(expiresAt)
    .setJti(jti)
    .sign(signing.privateKey);
  return { token, jti, expiresAt: new Date(expiresAt * 1000) };
}
