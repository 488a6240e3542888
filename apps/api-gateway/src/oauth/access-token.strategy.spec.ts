import { createHmac, generateKeyPairSync, sign as cryptoSign, type KeyObject } from 'node:crypto';
import type { JwksResult, PublicJwk, RevokedAccessTokensResult, RevokedSubject } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import type { MessageClient } from '@payrail/messaging';
import { SignJWT, type JWTPayload } from 'jose';
import type { AuthenticatedCredential } from '../authentication/authenticated-credential.js';
import { authenticateThroughPassport, requestWithHeaders } from '../testing/passport-under-test.js';
import { AccessTokenStrategy } from './access-token.strategy.js';
import { looksLikeJwt } from './bearer-access-token.js';
import { JwksCache } from './jwks.cache.js';
import { RevokedAccessTokens } from './revoked-access-tokens.js';

const ISSUER = 'https://pay.example.com';

function keyPair(kid: string): { privateKey: KeyObject; jwk: PublicJwk } {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  return { privateKey, jwk: { kty: jwk.kty!, crv: jwk.crv, x: jwk.x, y: jwk.y, kid, alg: 'ES256', use: 'sig' } };
}

const published = keyPair('jwk_published');

function claims(overrides: JWTPayload = {}): JWTPayload {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: ISSUER,
    aud: 'payrail-api',
    sub: 'cli_1',
    client_id: 'cli_1',
    scope: 'payments:read payments:write',
    merchant_id: 'mch_1',
    livemode: false,
    iat: now,
    nbf: now,
    exp: now + 900,
    jti: 'jti_1',
    ...overrides,
  };
}

function sign(payload: JWTPayload, header: Record<string, unknown> = {}, key = published.privateKey): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: 'jwk_published', ...header }).sign(key);
}

function unsigned(payload: JWTPayload, header: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part(header)}.${part(payload)}.`;
}

class JwksCacheOnAClock extends JwksCache {
  offsetMs = 0;
  protected override now(): number {
    return Date.now() + this.offsetMs;
  }
}

/** A deny list as loaded from the auth service, or never loaded at all. */
async function denyList(jtis: string[], loaded = true, revokedSubjects: RevokedSubject[] = []): Promise<RevokedAccessTokens> {
  const exp = Math.floor(Date.now() / 1000) + 900;
  const answer: RevokedAccessTokensResult = { revoked: jtis.map((jti) => ({ jti, exp })), revokedSubjects, asOf: Date.now() };
  const client = { send: async () => answer } as unknown as MessageClient;
  const list = new RevokedAccessTokens(client);
  if (loaded) await list.poll();
  return list;
}

/** Presents the token as a bearer to a request for the issuer's host, through Passport, as the guard does. */
interface Verifier {
  verify(token: string, issuer: string): Promise<AuthenticatedCredential>;
}

function throughPassport(strategy: AccessTokenStrategy): Verifier {
  return {
    verify: (token, issuer) => {
      const { protocol, host } = new URL(issuer);
      return authenticateThroughPassport(strategy, requestWithHeaders({ authorization: `Bearer ${token}`, host }, { protocol: protocol.slice(0, -1) }));
    },
  };
}

async function verifierWith(
  keys: PublicJwk[],
  revocations?: RevokedAccessTokens,
): Promise<{ verifier: Verifier; fetches: () => number; cache: JwksCacheOnAClock }> {
  let fetches = 0;
  const client = {
    send: async (): Promise<JwksResult> => {
      fetches += 1;
      return { keys };
    },
  } as unknown as MessageClient;
  const cache = new JwksCacheOnAClock(client);
  return { verifier: throughPassport(new AccessTokenStrategy(cache, revocations ?? (await denyList([])))), fetches: () => fetches, cache };
}

async function refusalOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  return promise.then(
    () => {
      throw new Error('expected the token to be refused');
    },
    (error: { code: string; message: string }) => error,
  );
}

describe('AccessTokenStrategy (passport-jwt)', () => {
  it('accepts a well-formed token and says whose it is and what it may do', async () => {
    const { verifier } = await verifierWith([published.jwk]);
    await expect(verifier.verify(await sign(claims()), ISSUER)).resolves.toEqual({
      scheme: 'access_token',
      caller: { merchantId: 'mch_1', livemode: false },
      scopes: ['payments:read', 'payments:write'],
      clientId: 'cli_1',
    });
  });

  it('fetches the JWKS once and keeps it', async () => {
    const { verifier, fetches } = await verifierWith([published.jwk]);
    await verifier.verify(await sign(claims()), ISSUER);
    await verifier.verify(await sign(claims()), ISSUER);
    expect(fetches()).toBe(1);
  });

  it('refetches the JWKS for a kid it has not seen, then refuses a key still not published', async () => {
    const stranger = keyPair('jwk_unknown');
    const { verifier, fetches, cache } = await verifierWith([published.jwk]);
    await verifier.verify(await sign(claims()), ISSUER);
    cache.offsetMs = 10_000;
    const token = await sign(claims(), { kid: 'jwk_unknown' }, stranger.privateKey);
    expect(await refusalOf(verifier.verify(token, ISSUER))).toMatchObject({ code: 'access_token_invalid' });
    expect(fetches()).toBe(2);
    // Within the cool-down another unknown kid is refused without asking auth again.
    expect(await refusalOf(verifier.verify(token, ISSUER))).toMatchObject({ code: 'access_token_invalid' });
    expect(fetches()).toBe(2);
  });

  it('picks up a key published after its JWKS was fetched (rotation)', async () => {
    const next = keyPair('jwk_next');
    const keys = [published.jwk];
    const { verifier, cache } = await verifierWith(keys);
    await verifier.verify(await sign(claims()), ISSUER);
    keys.push(next.jwk);
    cache.offsetMs = 10_000;
    await expect(verifier.verify(await sign(claims(), { kid: 'jwk_next' }, next.privateKey), ISSUER)).resolves.toMatchObject({ clientId: 'cli_1' });
  });

  it('refuses a token signed by a key not in the JWKS even under a published kid', async () => {
    const impostor = keyPair('jwk_published');
    const { verifier } = await verifierWith([published.jwk]);
    expect(await refusalOf(verifier.verify(await sign(claims(), {}, impostor.privateKey), ISSUER))).toMatchObject({ code: 'access_token_invalid' });
  });

  it('refuses alg none and HS256 signed with the public key', async () => {
    const { verifier } = await verifierWith([published.jwk]);
    const none = unsigned(claims(), { alg: 'none', typ: 'at+jwt', kid: 'jwk_published' });
    expect(looksLikeJwt(none)).toBe(true);
    expect(await refusalOf(verifier.verify(none, ISSUER))).toMatchObject({ code: 'access_token_invalid' });

    const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'at+jwt', kid: 'jwk_published' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify(claims())).toString('base64url');
    const publicKeyAsSecret = JSON.stringify(published.jwk);
    const mac = createHmac('sha256', publicKeyAsSecret).update(`${header}.${payload}`).digest('base64url');
    expect(await refusalOf(verifier.verify(`${header}.${payload}.${mac}`, ISSUER))).toMatchObject({ code: 'access_token_invalid' });
  });

  const INVALID = 'The access token is invalid.';
  it.each([
    ['an expired token', claims({ exp: Math.floor(Date.now() / 1000) - 120 }), {}, 'The access token has expired.'],
    ['a token not yet valid', claims({ nbf: Math.floor(Date.now() / 1000) + 600 }), {}, INVALID],
    ['another audience', claims({ aud: 'someone-else' }), {}, INVALID],
    ['another issuer', claims({ iss: 'https://evil.example.com' }), {}, INVALID],
    ['another issuer, expired as well (the issuer is judged first)', claims({ iss: 'https://evil.example.com', exp: Math.floor(Date.now() / 1000) - 120 }), {}, INVALID],
    ['a plain JWT, not typed at+jwt', claims(), { typ: 'JWT' }, INVALID],
    ['a token with no typ at all', claims(), { typ: undefined }, INVALID],
    ['a token without a merchant', claims({ merchant_id: undefined }), {}, INVALID],
    ['a token without jti', claims({ jti: undefined }), {}, INVALID],
    ['a token without exp', claims({ exp: undefined }), {}, INVALID],
    ['a token whose exp is not a number', { ...claims(), exp: 'tomorrow' } as unknown as JWTPayload, {}, INVALID],
    ['a token whose livemode is not a boolean', claims({ livemode: 'false' }), {}, 'The access token is malformed.'],
  ])('refuses %s', async (_name, payload, header, message) => {
    const { verifier } = await verifierWith([published.jwk]);
    expect(await refusalOf(verifier.verify(await sign(payload, header), ISSUER))).toMatchObject({ code: 'access_token_invalid', message });
  });

  it('refuses a token signed with another algorithm, even by a key the JWKS publishes for it (ES256 only)', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    const jwk = publicKey.export({ format: 'jwk' });
    const es384: PublicJwk = { kty: jwk.kty!, crv: jwk.crv, x: jwk.x, y: jwk.y, kid: 'jwk_384', alg: 'ES384', use: 'sig' };
    const { verifier, fetches } = await verifierWith([published.jwk, es384]);
    const token = await new SignJWT(claims()).setProtectedHeader({ alg: 'ES384', typ: 'at+jwt', kid: 'jwk_384' }).sign(privateKey);
    expect(await refusalOf(verifier.verify(token, ISSUER))).toMatchObject({ code: 'access_token_invalid', message: INVALID });
    expect(fetches()).toBe(1);
  });

  it('refuses a token whose header names a critical extension, which nothing here understands', async () => {
    const { verifier } = await verifierWith([published.jwk]);
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const input = `${part({ alg: 'ES256', typ: 'at+jwt', kid: 'jwk_published', crit: ['x-payrail-binding'], 'x-payrail-binding': 'tls' })}.${part(claims())}`;
    const signature = cryptoSign('sha256', Buffer.from(input), { key: published.privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url');
    expect(await refusalOf(verifier.verify(`${input}.${signature}`, ISSUER))).toMatchObject({ code: 'access_token_invalid', message: INVALID });
  });

  it('takes the type as a media type, in any case and with its application/ prefix', async () => {
    const { verifier } = await verifierWith([published.jwk]);
    for (const typ of ['AT+JWT', 'application/at+jwt']) {
      await expect(verifier.verify(await sign(claims(), { typ }), ISSUER)).resolves.toMatchObject({ clientId: 'cli_1' });
    }
  });

  it('lets a failure to fetch the JWKS through as it is, not as an invalid token', async () => {
    const unreachable = { send: async () => Promise.reject(new PayrailError('upstream_timeout', 'The request took too long to complete.')) } as unknown as MessageClient;
    const verifier = throughPassport(new AccessTokenStrategy(new JwksCache(unreachable), await denyList([])));
    expect(await refusalOf(verifier.verify(await sign(claims()), ISSUER))).toMatchObject({ code: 'upstream_timeout' });
  });

  it('says so when the token has expired', async () => {
    const { verifier } = await verifierWith([published.jwk]);
    const expired = await sign(claims({ exp: Math.floor(Date.now() / 1000) - 120 }));
    expect(await refusalOf(verifier.verify(expired, ISSUER))).toMatchObject({ message: 'The access token has expired.' });
  });

  it('takes a token a few seconds past its expiry, for clock skew', async () => {
    const { verifier } = await verifierWith([published.jwk]);
    await expect(verifier.verify(await sign(claims({ exp: Math.floor(Date.now() / 1000) - 5 })), ISSUER)).resolves.toBeDefined();
  });

  it('refuses a token whose jti is on the deny list, and takes the others', async () => {
    const { verifier } = await verifierWith([published.jwk], await denyList(['jti_revoked']));
    expect(await refusalOf(verifier.verify(await sign(claims({ jti: 'jti_revoked' })), ISSUER))).toMatchObject({
      code: 'access_token_invalid',
      message: 'The access token has been revoked.',
    });
    await expect(verifier.verify(await sign(claims({ jti: 'jti_other' })), ISSUER)).resolves.toMatchObject({ clientId: 'cli_1' });
  });

  it('refuses the tokens a revoked client held, issued up to its revocation, and takes a later one', async () => {
    const revokedAt = Math.floor(Date.now() / 1000);
    const revocations = await denyList([], true, [{ sub: 'cli_revoked', issuedUpTo: revokedAt, exp: revokedAt + 960 }]);
    const { verifier } = await verifierWith([published.jwk], revocations);
    const held = await sign(claims({ sub: 'cli_revoked', client_id: 'cli_revoked', iat: revokedAt - 120, nbf: revokedAt - 120 }));
    expect(await refusalOf(verifier.verify(held, ISSUER))).toMatchObject({ code: 'access_token_invalid', message: 'The access token has been revoked.' });
    const atTheMoment = await sign(claims({ sub: 'cli_revoked', client_id: 'cli_revoked', iat: revokedAt, nbf: revokedAt }));
    expect(await refusalOf(verifier.verify(atTheMoment, ISSUER))).toMatchObject({ message: 'The access token has been revoked.' });
    const later = await sign(claims({ sub: 'cli_revoked', client_id: 'cli_revoked', iat: revokedAt + 1, nbf: revokedAt }));
    await expect(verifier.verify(later, ISSUER)).resolves.toMatchObject({ clientId: 'cli_revoked' });
    await expect(verifier.verify(await sign(claims({ iat: revokedAt - 120 })), ISSUER)).resolves.toMatchObject({ clientId: 'cli_1' });
  });

  it('refuses a token whose sub or iat is not what the deny list can judge', async () => {
    const { verifier } = await verifierWith([published.jwk]);
    for (const payload of [claims({ sub: undefined }), claims({ iat: undefined })]) {
      expect(await refusalOf(verifier.verify(await sign(payload), ISSUER))).toMatchObject({ code: 'access_token_invalid' });
    }
  });

  it('refuses every token with 503 while the deny list has never been loaded (fail closed)', async () => {
    const { verifier } = await verifierWith([published.jwk], await denyList([], false));
    expect(await refusalOf(verifier.verify(await sign(claims()), ISSUER))).toMatchObject({ code: 'service_unavailable', status: 503 });
  });

  it('still refuses a forged token as invalid, not unavailable, when the deny list is not loaded', async () => {
    const { verifier } = await verifierWith([published.jwk], await denyList([], false));
    const none = unsigned(claims(), { alg: 'none', typ: 'at+jwt', kid: 'jwk_published' });
    expect(await refusalOf(verifier.verify(none, ISSUER))).toMatchObject({ code: 'access_token_invalid' });
  });

  it('tells access tokens from API keys by shape', () => {
    expect(looksLikeJwt('sk_test_51AbCdEf')).toBe(false);
    expect(looksLikeJwt('pk_live_abc.def')).toBe(false);
    expect(looksLikeJwt('eyJh.eyJi.c2ln')).toBe(true);
  });
});
