import { Injectable } from '@nestjs/common';
import { ACCESS_TOKEN_ALGORITHM, ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_TYPE, type Caller } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { errors, jwtVerify, type JWTPayload } from 'jose';
import { CLOCK_TOLERANCE_SECONDS } from './clock-tolerance.js';
import { JwksCache } from './jwks.cache.js';
import { RevokedAccessTokens } from './revoked-access-tokens.js';

/** Three base64url parts, the last possibly empty (an unsigned `alg: none` token must be refused as a token). */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export interface VerifiedAccessToken {
  caller: Caller;
  scopes: string[];
  clientId: string;
}

/** API keys never look like this: `sk_test_…` has no dots. */
export function looksLikeJwt(value: string): boolean {
  return JWT_SHAPE.test(value);
}

/**
 * An access token as RFC 9068 §4 asks a resource server to check it: signed by a key in the JWKS with an
 * allowed algorithm (ES256 only: never `none`, never HMAC), typed `at+jwt`, from our issuer, for our
 * audience, within its lifetime, with every claim we act on present and well-typed; and not revoked
 * (neither its `jti` nor its `sub`, for tokens issued up to the subject's revocation, is on the deny list).
 */
@Injectable()
export class AccessTokenVerifier {
  constructor(
    private readonly jwks: JwksCache,
    private readonly revocations: RevokedAccessTokens,
  ) {}

  async verify(token: string, issuer: string): Promise<VerifiedAccessToken> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.jwks.keyFor, {
        algorithms: [ACCESS_TOKEN_ALGORITHM],
        typ: ACCESS_TOKEN_TYPE,
        issuer,
        audience: ACCESS_TOKEN_AUDIENCE,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'iat', 'jti', 'sub', 'client_id', 'scope', 'merchant_id', 'livemode'],
      }));
    } catch (error) {
      if (error instanceof errors.JOSEError) throw invalidToken(describe(error));
      throw error;
    }
    const { merchant_id: merchantId, livemode, scope, client_id: clientId, jti, sub, iat } = payload;
    if (
      typeof merchantId !== 'string' ||
      typeof livemode !== 'boolean' ||
      typeof scope !== 'string' ||
      typeof clientId !== 'string' ||
      typeof jti !== 'string' ||
      typeof sub !== 'string' ||
      typeof iat !== 'number'
    ) {
      throw invalidToken('The access token is malformed.');
    }
    if (this.revocations.isRevoked({ jti, sub, iat })) throw invalidToken('The access token has been revoked.');
    return { caller: { merchantId, livemode }, scopes: scope.split(' ').filter(Boolean), clientId };
  }
}

function describe(error: InstanceType<typeof errors.JOSEError>): string {
  if (error instanceof errors.JWTExpired) return 'The access token has expired.';
  return 'The access token is invalid.';
}

export function invalidToken(message: string): PayrailError {
  return new PayrailError('access_token_invalid', message);
}
