import 'reflect-metadata';
import { Patterns, type JwksResult, type OAuthTokenParams, type OAuthTokenResult, type PatternMap } from '@payrail/contracts';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import type { DataSource } from 'typeorm';
import { bootstrapMerchant, type MerchantCredentials } from '../merchant-bootstrap/index.js';
import { DEFAULT_CLIENT_SCOPES } from '../oauth-clients/oauth-client-issuer.js';
import { OAuthClientEntity } from '../oauth-clients/oauth-client.entity.js';
import { AuthServiceUnderTest } from '../testing/auth-service-under-test.js';
import { JwtSigningKeyEntity } from './jwt-signing-key.entity.js';

const ISSUER = 'http://localhost:3000';
/** Where every request of this spec comes from, as the edge would say. */
const SOURCE_ADDRESS = '192.0.2.1';

describe('the OAuth token endpoint in the auth service (Postgres, transport)', () => {
  const auth = new AuthServiceUnderTest({ env: { PAYRAIL_JWT_KEY_ROTATION_DAYS: '7' } });
  const { pepper: PEPPER, secretsKey: SECRETS_KEY } = auth;
  let dataSource: DataSource;
  let acme: MerchantCredentials;

  async function send<T>(pattern: keyof PatternMap, payload: unknown): Promise<T> {
    return (await auth.bus.ok(pattern, payload as never)) as T;
  }

  function token(overrides: Partial<OAuthTokenParams> = {}): Promise<OAuthTokenResult> {
    return send(Patterns.AuthOAuthToken, {
      grantType: 'client_credentials',
      clientId: acme.client_id,
      clientSecret: acme.client_secret,
      authMethod: 'client_secret_basic',
      issuer: ISSUER,
      sourceAddress: SOURCE_ADDRESS,
      ...overrides,
    });
  }

  async function issued(overrides: Partial<OAuthTokenParams> = {}): Promise<string> {
    const result = await token(overrides);
    if (!result.ok) throw new Error(`expected a token, got ${result.error}: ${result.errorDescription}`);
    return result.accessToken;
  }

  beforeAll(async () => {
    ({ dataSource } = await auth.start());
    acme = await auth.bootstrap({ name: 'Acme OAuth' });
  });

  afterAll(() => auth.close());

  it('issues an RFC 9068 access token for the merchant\'s client, verifiable against the JWKS', async () => {
    const result = await token();
    expect(result).toMatchObject({ ok: true, expiresIn: 900, scope: DEFAULT_CLIENT_SCOPES.join(' ') });
    expect(DEFAULT_CLIENT_SCOPES).not.toContain('credentials:manage');
    const accessToken = (result as { accessToken: string }).accessToken;
    const jwks = await send<JwksResult>(Patterns.AuthOAuthJwks, {});
    const { payload, protectedHeader } = await jwtVerify(accessToken, createLocalJWKSet({ keys: jwks.keys.map((key) => ({ ...key })) }), {
      issuer: ISSUER,
      audience: 'payrail-api',
      typ: 'at+jwt',
      algorithms: ['ES256'],
    });
    expect(protectedHeader).toMatchObject({ alg: 'ES256', typ: 'at+jwt', kid: jwks.keys[0].kid });
    expect(payload).toMatchObject({ sub: acme.client_id, client_id: acme.client_id, merchant_id: acme.merchant_id, livemode: false });
    expect(payload.exp! - payload.iat!).toBe(900);
    expect(payload.jti).toMatch(/^jti_/);
  });

  it('publishes public keys only', async () => {
    const jwks = await send<JwksResult>(Patterns.AuthOAuthJwks, {});
    for (const key of jwks.keys) {
      expect(Object.keys(key).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
    }
    const stored = await dataSource.manager.find(JwtSigningKeyEntity);
    for (const key of stored) expect(key.privateKeyCiphertext).toMatch(/^v1\./);
  });

  it('grants the scopes asked for, and refuses one the client is not allowed', async () => {
    await expect(token({ scope: 'refunds:write payments:read' })).resolves.toMatchObject({ ok: true, scope: 'payments:read refunds:write' });
    await dataSource.manager.update(OAuthClientEntity, { id: acme.client_id }, { scopes: ['payments:read'] });
    try {
      await expect(token({ scope: 'payments:write' })).resolves.toMatchObject({ ok: false, error: 'invalid_scope' });
      await expect(token()).resolves.toMatchObject({ ok: true, scope: 'payments:read' });
    } finally {
      await dataSource.manager.update(OAuthClientEntity, { id: acme.client_id }, { scopes: DEFAULT_CLIENT_SCOPES });
    }
  });

  it('refuses a wrong secret, an unknown client and a revoked one alike, as invalid_client', async () => {
    const refused = { ok: false, error: 'invalid_client', errorDescription: 'Client authentication failed.' };
    await expect(token({ clientSecret: `${acme.client_secret}x` })).resolves.toEqual(refused);
    await expect(token({ clientId: 'cli_doesnotexist' })).resolves.toEqual(refused);
    const other = await bootstrapMerchant(dataSource, PEPPER, SECRETS_KEY, { name: 'Revoked Co' });
    await dataSource.manager.update(OAuthClientEntity, { id: other.client_id }, { revokedAt: new Date() });
    await expect(token({ clientId: other.client_id, clientSecret: other.client_secret })).resolves.toEqual(refused);
  });

  it('refuses other grants and a missing grant type', async () => {
    await expect(token({ grantType: 'password' })).resolves.toMatchObject({ ok: false, error: 'unsupported_grant_type' });
    await expect(token({ grantType: '' })).resolves.toMatchObject({ ok: false, error: 'invalid_request' });
  });

  it('rotates: a key past its signing period is retired, still published, and a new key signs', async () => {
    const before = decodeProtectedHeader(await issued()).kid!;
    const past = new Date(Date.now() - 1000);
    await dataSource.manager.update(JwtSigningKeyEntity, { id: before }, { signsUntil: past });
    // The service keeps the decrypted key until its signing period ends; a restarted one reads the row.
    ({ dataSource } = await auth.restart());
    const after = decodeProtectedHeader(await issued()).kid!;
    expect(after).not.toBe(before);
    const kids = (await send<JwksResult>(Patterns.AuthOAuthJwks, {})).keys.map((key) => key.kid);
    expect(kids).toEqual(expect.arrayContaining([before, after]));

    await dataSource.manager.update(JwtSigningKeyEntity, { id: before }, { publishedUntil: past });
    const published = (await send<JwksResult>(Patterns.AuthOAuthJwks, {})).keys.map((key) => key.kid);
    expect(published).toEqual([after]);
  });

  it('refuses to start on a database whose signing keys another secrets key sealed, saying why', async () => {
    await issued();
    await expect(auth.restart({ PAYRAIL_SECRETS_KEY: 'another-secrets-key-0123456789abcdef0123456789' })).rejects.toThrow(
      /PAYRAIL_SECRETS_KEY does not open the access-token signing keys stored in this database \(jwk_\w+\)/,
    );
    ({ dataSource } = await auth.restart());
    await expect(issued()).resolves.toEqual(expect.any(String));
  });
});
