import { Injectable } from '@nestjs/common';
import { ACCESS_TOKEN_ALGORITHM, ACCESS_TOKEN_TYPE } from '@payrail/contracts';
import { compactVerify, createLocalJWKSet } from 'jose';
import { JwtSigningKeysService } from './jwt-signing-keys.service.js';

/** Far longer than any token of ours: anything longer is not looked at. */
const MAX_TOKEN_LENGTH = 4096;

/** The claims every access token of ours carries (see signAccessToken). */
export interface AccessTokenClaims {
  iss: string;
  sub: string;
  aud: string;
  client_id: string;
  scope: string;
  merchant_id: string;
  livemode: boolean;
  iat: number;
  exp: number;
  jti: string;
}

function isClaims(value: unknown): value is AccessTokenClaims {
  if (typeof value !== 'object' || value === null) return false;
  const claims = value as Record<string, unknown>;
  const strings = ['iss', 'sub', 'aud', 'client_id', 'scope', 'merchant_id', 'jti'];
  return (
    strings.every((name) => typeof claims[name] === 'string') &&
    typeof claims['livemode'] === 'boolean' &&
    Number.isSafeInteger(claims['iat']) &&
    Number.isSafeInteger(claims['exp'])
  );
}

/** Reads access tokens presented back to the authorization server (revocation, introspection). */
@Injectable()
export class AccessTokenReader {
  constructor(private readonly signingKeys: JwtSigningKeysService) {}

  /**
   * The claims of an access token we signed, with any of our published keys, expired or not; null for
   * anything else (malformed, forged, another algorithm or type, a key we do not publish).
   */
  async read(token: string): Promise<AccessTokenClaims | null> {
    if (token.length > MAX_TOKEN_LENGTH || token.split('.').length !== 3) return null;
    const keys = createLocalJWKSet({ keys: (await this.signingKeys.jwks()).keys.map((key) => ({ ...key })) });
    try {
      const { payload, protectedHeader } = await compactVerify(token, keys, { algorithms: [ACCESS_TOKEN_ALGORITHM] });
      if (protectedHeader.typ !== ACCESS_TOKEN_TYPE) return null;
      const claims: unknown = JSON.parse(new TextDecoder().decode(payload));
      return isClaims(claims) ? claims : null;
    } catch {
      return null;
    }
  }
}
