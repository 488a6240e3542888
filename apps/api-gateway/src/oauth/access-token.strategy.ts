import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ACCESS_TOKEN_ALGORITHM, ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_TYPE } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import type { Request } from 'express';
import { decodeProtectedHeader, errors, type FlattenedJWSInput } from 'jose';
import { KeyObject } from 'node:crypto';
import { Strategy as JwtStrategy, type SecretOrKeyProvider } from 'passport-jwt';
import type { AuthenticatedCredential } from '../authentication/authenticated-credential.js';
import { bearerAccessToken } from './bearer-access-token.js';
import { CLOCK_TOLERANCE_SECONDS } from './clock-tolerance.js';
import { JwksCache } from './jwks.cache.js';
import { oauthIssuer } from './oauth-issuer.js';
import { RevokedAccessTokens } from './revoked-access-tokens.js';

export const ACCESS_TOKEN_STRATEGY = 'access-token';

/** Claims every access token we issue carries and that we act on; a token without one is refused. */
const REQUIRED_CLAIMS = ['exp', 'iat', 'jti', 'sub', 'client_id', 'scope', 'merchant_id', 'livemode'] as const;

/** An access token's payload as passport-jwt hands it over once the signature and audience check out. */
export type AccessTokenClaims = Record<string, unknown>;

/**
 * An access token as RFC 9068 §4 asks a resource server to check it, through passport-jwt: signed by a
 * key in the JWKS with an allowed algorithm (ES256 only: never `none`, never HMAC), typed `at+jwt`, for
 * our audience, from our issuer, within its lifetime, with every claim we act on present and well-typed;
 * and not revoked (neither its `jti` nor its `sub`, for tokens issued up to the subject's revocation, is
 * on the deny list). The issuer depends on the request (see oauthIssuer), so it is checked in `validate`
 * rather than by passport-jwt, and the expiry after it, so that a token from elsewhere is called invalid
 * whether or not it has also expired.
 */
@Injectable()
export class AccessTokenStrategy extends PassportStrategy(JwtStrategy, ACCESS_TOKEN_STRATEGY) {
  constructor(
    jwks: JwksCache,
    private readonly revocations: RevokedAccessTokens,
  ) {
    super({
      jwtFromRequest: (req: Request) => bearerAccessToken(req) ?? null,
      secretOrKeyProvider: publicKeyFrom(jwks),
      algorithms: [ACCESS_TOKEN_ALGORITHM],
      audience: ACCESS_TOKEN_AUDIENCE,
      ignoreExpiration: true,
      jsonWebTokenOptions: { clockTolerance: CLOCK_TOLERANCE_SECONDS },
      passReqToCallback: true,
    });
  }

  /**
   * passport-jwt reports a token it cannot verify with `fail(reason)`, which Passport would answer with
   * a bare 401; the edge answers every refusal with its error envelope, so a failure becomes the error
   * it stands for. `this` is Passport's per-request copy of the strategy, so the override stays with
   * this request.
   */
  override authenticate(req: Request, options?: unknown): void {
    this.fail = (reason?: unknown) => this.error(refusalFor(reason));
    super.authenticate(req, options);
  }

  validate(req: Request, claims: AccessTokenClaims): AuthenticatedCredential {
    if (REQUIRED_CLAIMS.some((claim) => !Object.hasOwn(claims, claim)) || claims.iss !== oauthIssuer(req)) {
      throw invalidToken('The access token is invalid.');
    }
    const { exp, iat, merchant_id: merchantId, livemode, scope, client_id: clientId, jti, sub } = claims;
    if (typeof exp !== 'number' || typeof iat !== 'number') throw invalidToken('The access token is invalid.');
    if (exp <= Math.floor(Date.now() / 1000) - CLOCK_TOLERANCE_SECONDS) throw invalidToken('The access token has expired.');
    if (
      typeof merchantId !== 'string' ||
      typeof livemode !== 'boolean' ||
      typeof scope !== 'string' ||
      typeof clientId !== 'string' ||
      typeof jti !== 'string' ||
      typeof sub !== 'string'
    ) {
      throw invalidToken('The access token is malformed.');
    }
    if (this.revocations.isRevoked({ jti, sub, iat })) throw invalidToken('The access token has been revoked.');
    return { scheme: 'access_token', caller: { merchantId, livemode }, scopes: scope.split(' ').filter(Boolean), clientId };
  }
}

export function invalidToken(message: string): PayrailError {
  return new PayrailError('access_token_invalid', message);
}

/**
 * What passport-jwt's failure stands for: the key lookup's own refusal (a PayrailError), or an
 * infrastructure error (the JWKS could not be fetched), as it is; anything jsonwebtoken refused (signature, algorithm, audience,
 * not yet valid) is an invalid token.
 */
function refusalFor(reason: unknown): Error {
  if (reason instanceof Error && !JSONWEBTOKEN_ERRORS.has(reason.name)) return reason;
  return invalidToken('The access token is invalid.');
}

/** jsonwebtoken's refusals, told apart by name: it is passport-jwt's dependency, not ours. */
const JSONWEBTOKEN_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/**
 * jsonwebtoken verifies with a KeyObject as it is, but parses a PEM string anew on every call (about
 * 250 µs, more than the ES256 check itself); @types/passport-jwt lists only strings and Buffers for the
 * provider's answer, so its callback is widened to say what is passed.
 */
type KeyObjectDone = (error: unknown, key?: KeyObject) => void;

/**
 * The JWKS key the token's header names, for passport-jwt, after the header checks jsonwebtoken does
 * not do: the type (`at+jwt`, compared as media types are) and no critical extension we would have to
 * understand. Each key is turned into a KeyObject once.
 */
function publicKeyFrom(jwks: JwksCache): SecretOrKeyProvider<Request> {
  const keyObjects = new WeakMap<object, KeyObject>();
  return (_req, rawToken: string, done) => {
    const lookup = async (): Promise<KeyObject> => {
      const header = decodeProtectedHeader(rawToken);
      if (typeof header.typ !== 'string' || mediaType(header.typ) !== mediaType(ACCESS_TOKEN_TYPE) || header.crit !== undefined) {
        throw invalidToken('The access token is invalid.');
      }
      const [protectedHeader, payload, signature] = rawToken.split('.');
      const token: FlattenedJWSInput = { protected: protectedHeader, payload, signature };
      const key = await jwks.keyFor(header, token);
      let keyObject = keyObjects.get(key);
      if (keyObject === undefined) {
        keyObject = KeyObject.from(key);
        keyObjects.set(key, keyObject);
      }
      return keyObject;
    };
    const deliver = done as KeyObjectDone;
    lookup().then(
      (key) => deliver(null, key),
      (error: unknown) => deliver(error instanceof errors.JOSEError ? invalidToken('The access token is invalid.') : error),
    );
  };
}

/** `at+jwt`, `AT+JWT` and `application/at+jwt` are one type (RFC 8725 §3.11, as jose compares them). */
function mediaType(typ: string): string {
  const lower = typ.toLowerCase();
  return typ.includes('/') ? lower : `application/${lower}`;
}
