import 'reflect-metadata';
import type { INestMicroservice } from '@nestjs/common';
import {
  DASHBOARD_CLIENT_ID,
  OAuthScopes,
  Patterns,
  type OAuthIntrospectParams,
  type OAuthRevokeParams,
  type OAuthTokenIssued,
  type OAuthTokenParams,
  type UserLoginResult,
} from '@payrail/contracts';
import { newId } from '@payrail/domain';
import { hashPassword } from '@payrail/signing';
import { decodeJwt } from 'jose';
import type { DataSource } from 'typeorm';
import type { MerchantCredentials } from '../merchant-bootstrap/index.js';
import { scopesForRole } from '../merchants/user-role-scopes.js';
import { UserEntity, type UserRole } from '../merchants/user.entity.js';
import { AuthServiceUnderTest } from '../testing/auth-service-under-test.js';
import { signAccessToken } from './access-token.js';
import { JwtSigningKeysService } from './jwt-signing-keys.service.js';
import { RefreshTokenEntity } from './refresh-tokens/refresh-token.entity.js';
import { UserSessionsService } from './refresh-tokens/user-sessions.service.js';

const ISSUER = 'http://localhost:3000';
/** Where every request of this spec comes from, as the edge would say. */
const SOURCE_ADDRESS = '192.0.2.1';
const VIEWER_PASSWORD = 'viewer-password-0123';

describe('users\' sessions in the auth service: login, refresh, revocation, introspection (Postgres, transport)', () => {
  const auth = new AuthServiceUnderTest();
  const { bus } = auth;
  let app: INestMicroservice;
  let dataSource: DataSource;
  let acme: MerchantCredentials;
  let beta: MerchantCredentials;
  /** Every refresh token seen, to look for in the tables at the end. */
  const refreshTokensSeen: string[] = [];

  async function login(username: string, password: string, livemode?: boolean): Promise<UserLoginResult> {
    const session = await bus.ok(Patterns.AuthUserLogin, { username, password, issuer: ISSUER, sourceAddress: SOURCE_ADDRESS, ...(livemode !== undefined ? { livemode } : {}) });
    refreshTokensSeen.push(session.refreshToken);
    return session;
  }

  async function refresh(refreshToken: string, overrides: Partial<OAuthTokenParams> = {}) {
    const result = await bus.ok(Patterns.AuthOAuthToken, {
      grantType: 'refresh_token',
      clientId: DASHBOARD_CLIENT_ID,
      authMethod: 'none',
      refreshToken,
      issuer: ISSUER,
      sourceAddress: SOURCE_ADDRESS,
      ...overrides,
    });
    if (result.ok && result.refreshToken) refreshTokensSeen.push(result.refreshToken);
    return result;
  }

  async function refreshed(refreshToken: string, scope?: string): Promise<OAuthTokenIssued & { refreshToken: string }> {
    const result = await refresh(refreshToken, scope === undefined ? {} : { scope });
    if (!result.ok || !result.refreshToken) throw new Error(`expected a refresh, got ${JSON.stringify(result)}`);
    return { ...result, refreshToken: result.refreshToken };
  }

  async function clientToken(merchant: MerchantCredentials): Promise<string> {
    const result = await bus.ok(Patterns.AuthOAuthToken, {
      grantType: 'client_credentials',
      clientId: merchant.client_id,
      clientSecret: merchant.client_secret,
      authMethod: 'client_secret_basic',
      issuer: ISSUER,
      sourceAddress: SOURCE_ADDRESS,
    });
    if (!result.ok) throw new Error(`expected a token, got ${result.error}`);
    return result.accessToken;
  }

  const asClient = (merchant: MerchantCredentials) =>
    ({ clientId: merchant.client_id, clientSecret: merchant.client_secret, authMethod: 'client_secret_post' }) as const;
  const asDashboard = { clientId: DASHBOARD_CLIENT_ID, authMethod: 'none' } as const;

  function revoke(token: string, client: Omit<OAuthRevokeParams, 'token' | 'issuer' | 'sourceAddress'>) {
    return bus.ok(Patterns.AuthOAuthRevoke, { ...client, token, issuer: ISSUER, sourceAddress: SOURCE_ADDRESS });
  }

  async function introspect(token: string, client: Omit<OAuthIntrospectParams, 'token' | 'issuer' | 'sourceAddress'>) {
    return bus.ok(Patterns.AuthOAuthIntrospect, { ...client, token, issuer: ISSUER, sourceAddress: SOURCE_ADDRESS });
  }

  async function revokedJtis(since?: number): Promise<string[]> {
    const feed = await bus.ok(Patterns.AuthOAuthRevokedAccessTokens, since === undefined ? {} : { since });
    return feed.revoked.map((entry) => entry.jti);
  }

  async function addUser(merchant: MerchantCredentials, username: string, role: UserRole): Promise<string> {
    const id = newId('usr');
    await dataSource.manager.insert(UserEntity, {
      id,
      merchantId: merchant.merchant_id,
      username,
      passwordHash: await hashPassword(VIEWER_PASSWORD),
      role,
      createdAt: new Date(),
    });
    return id;
  }

  beforeAll(async () => {
    ({ app, dataSource } = await auth.start());
    acme = await auth.bootstrap({ name: 'Acme Sessions', username: 'acme-owner' });
    beta = await auth.bootstrap({ name: 'Beta Sessions' });
  });

  afterAll(() => auth.close());

  describe('login', () => {
    it('starts a session for the dashboard: an access token for the user and an opaque refresh token', async () => {
      const session = await login('acme-owner', acme.password);
      expect(session).toMatchObject({ ok: true, expiresIn: 900, scope: OAuthScopes.join(' ') });
      expect(session.refreshToken).toMatch(/^rt_[A-Za-z0-9_-]{43}$/);
      const claims = decodeJwt(session.accessToken);
      expect(claims).toMatchObject({ client_id: DASHBOARD_CLIENT_ID, merchant_id: acme.merchant_id, livemode: false, scope: OAuthScopes.join(' ') });
      expect(claims.sub).toMatch(/^usr_/);
      expect(claims.sub).not.toBe(DASHBOARD_CLIENT_ID);
      expect(decodeJwt((await login('acme-owner', acme.password, true)).accessToken)).toMatchObject({ livemode: true });
    });

    it('takes the username in any case', async () => {
      await expect(login('ACME-Owner', acme.password)).resolves.toMatchObject({ ok: true });
    });

    it('gives an unknown user and a wrong password the same answer', async () => {
      const wrongPassword = await bus.refused(Patterns.AuthUserLogin, { username: 'acme-owner', password: 'not-the-password', issuer: ISSUER, sourceAddress: SOURCE_ADDRESS });
      const unknownUser = await bus.refused(Patterns.AuthUserLogin, { username: 'nobody-here', password: acme.password, issuer: ISSUER, sourceAddress: SOURCE_ADDRESS });
      expect(wrongPassword).toEqual({ code: 'login_failed', message: 'Invalid username or password.' });
      expect(unknownUser).toEqual(wrongPassword);
    });

    it('gives a viewer read scopes only', async () => {
      await addUser(acme, 'acme-viewer', 'viewer');
      const session = await login('acme-viewer', VIEWER_PASSWORD);
      expect(session.scope).toBe('payments:read accounts:read');
      expect(decodeJwt(session.accessToken).scope).toBe('payments:read accounts:read');
    });

    it('refuses malformed input as a validation error', async () => {
      const refused = await bus.refused(Patterns.AuthUserLogin, { username: 'a'.repeat(300), password: 'x', issuer: ISSUER, sourceAddress: SOURCE_ADDRESS });
      expect(refused.code).toBe('parameter_invalid');
    });

    it('answers login_failed, not a 5xx, for a user removed between the password check and the session', async () => {
      const removed = Object.assign(new UserEntity(), { id: newId('usr'), merchantId: acme.merchant_id, username: 'gone', passwordHash: 'x', role: 'owner', createdAt: new Date() });
      await expect(app.get(UserSessionsService).start(removed, { livemode: false, issuer: ISSUER })).rejects.toMatchObject({ code: 'login_failed' });
    });
  });

  describe('password change', () => {
    const NEW_PASSWORD = 'a brand new passphrase';

    it('takes the current password, ends every session the user had and answers a new one', async () => {
      await addUser(acme, 'acme-changer', 'developer');
      const before = await login('acme-changer', VIEWER_PASSWORD);
      const other = await login('acme-changer', VIEWER_PASSWORD);

      const changed = await bus.ok(Patterns.AuthUserChangePassword, { username: 'ACME-changer', password: VIEWER_PASSWORD, newPassword: NEW_PASSWORD, issuer: ISSUER, sourceAddress: SOURCE_ADDRESS });
      refreshTokensSeen.push(changed.refreshToken);
      expect(changed).toMatchObject({ ok: true, scope: scopesForRole('developer').join(' ') });

      for (const session of [before, other]) {
        await expect(refresh(session.refreshToken)).resolves.toMatchObject({ ok: false, error: 'invalid_grant' });
        expect(await revokedJtis()).toContain(decodeJwt(session.accessToken).jti);
      }
      await expect(refreshed(changed.refreshToken)).resolves.toMatchObject({ ok: true });
      expect(await bus.refused(Patterns.AuthUserLogin, { username: 'acme-changer', password: VIEWER_PASSWORD, issuer: ISSUER, sourceAddress: SOURCE_ADDRESS })).toMatchObject({ code: 'login_failed' });
      await expect(login('acme-changer', NEW_PASSWORD)).resolves.toMatchObject({ ok: true });
    });

    it('refuses a wrong current password as a failed login, and a new password that is too short or unchanged, changing nothing', async () => {
      await addUser(acme, 'acme-keeper', 'viewer');
      const session = await login('acme-keeper', VIEWER_PASSWORD);
      expect(await bus.refused(Patterns.AuthUserChangePassword, { username: 'acme-keeper', password: 'not the password', newPassword: NEW_PASSWORD, issuer: ISSUER, sourceAddress: SOURCE_ADDRESS })).toMatchObject({
        code: 'login_failed',
      });
      for (const newPassword of ['too short', VIEWER_PASSWORD]) {
        expect(await bus.refused(Patterns.AuthUserChangePassword, { username: 'acme-keeper', password: VIEWER_PASSWORD, newPassword, issuer: ISSUER, sourceAddress: SOURCE_ADDRESS })).toMatchObject({
          code: 'parameter_invalid',
          param: 'new_password',
        });
      }
      await expect(refreshed(session.refreshToken)).resolves.toMatchObject({ ok: true });
      await expect(login('acme-keeper', VIEWER_PASSWORD)).resolves.toMatchObject({ ok: true });
    });
  });

  describe('refresh', () => {
    it('rotates: a new access token and refresh token, and the used one no longer works', async () => {
      const session = await login('acme-owner', acme.password);
      const next = await refreshed(session.refreshToken);
      expect(next.refreshToken).not.toBe(session.refreshToken);
      expect(decodeJwt(next.accessToken).jti).not.toBe(decodeJwt(session.accessToken).jti);
      expect(decodeJwt(next.accessToken)).toMatchObject({ sub: decodeJwt(session.accessToken).sub, client_id: DASHBOARD_CLIENT_ID });
      await expect(refreshed(next.refreshToken)).resolves.toMatchObject({ ok: true });
    });

    it('on reuse of a used token revokes the whole session and lists its access tokens for the edge', async () => {
      const since = Date.now() - 60_000;
      const session = await login('acme-owner', acme.password);
      const second = await refreshed(session.refreshToken);
      const third = await refreshed(second.refreshToken);

      const reuse = await refresh(session.refreshToken);
      expect(reuse).toMatchObject({ ok: false, error: 'invalid_grant' });
      expect(!reuse.ok && reuse.errorDescription).toMatch(/session has been revoked/);
      // The newest token of the family is dead too: whoever holds it may be the thief.
      await expect(refresh(third.refreshToken)).resolves.toMatchObject({ ok: false, error: 'invalid_grant' });

      const jtis = [session, second, third].map((issued) => decodeJwt(issued.accessToken).jti);
      expect(await revokedJtis()).toEqual(expect.arrayContaining(jtis));
      expect(await revokedJtis(since)).toEqual(expect.arrayContaining(jtis));
      expect(await revokedJtis(Date.now() + 60_000)).toEqual([]);
      const feed = await bus.ok(Patterns.AuthOAuthRevokedAccessTokens, {});
      expect(Math.abs(feed.asOf - Date.now())).toBeLessThan(10_000);
      expect(feed.revoked.find((entry) => entry.jti === jtis[2])?.exp).toBe(decodeJwt(third.accessToken).exp);
    });

    it('lets at most one of several concurrent refreshes of one token succeed', async () => {
      const session = await login('acme-owner', acme.password);
      const results = await Promise.all(Array.from({ length: 5 }, () => refresh(session.refreshToken)));
      expect(results.filter((result) => result.ok).length).toBeLessThanOrEqual(1);
      for (const result of results.filter((one) => !one.ok)) expect(result).toMatchObject({ ok: false, error: 'invalid_grant' });
    });

    it('may narrow the scope, never widen it beyond the session', async () => {
      const session = await login('acme-owner', acme.password);
      const narrowed = await refreshed(session.refreshToken, 'payments:read');
      expect(narrowed.scope).toBe('payments:read');
      expect(decodeJwt(narrowed.accessToken).scope).toBe('payments:read');
      // The refresh token keeps the session's scope (RFC 6749 §6): the next refresh may have it all again.
      const whole = await refreshed(narrowed.refreshToken);
      expect(whole.scope).toBe(OAuthScopes.join(' '));

      const viewer = await login('acme-viewer', VIEWER_PASSWORD);
      await expect(refresh(viewer.refreshToken, { scope: 'payments:write' })).resolves.toMatchObject({ ok: false, error: 'invalid_scope' });
      await expect(refresh(viewer.refreshToken, { scope: 'payments:admin' })).resolves.toMatchObject({ ok: false, error: 'invalid_scope' });
      // A refused scope does not use the token up.
      await expect(refreshed(viewer.refreshToken, 'accounts:read')).resolves.toMatchObject({ scope: 'accounts:read' });
    });

    it('follows the user\'s current role', async () => {
      const userId = await addUser(acme, 'acme-demoted', 'developer');
      const session = await login('acme-demoted', VIEWER_PASSWORD);
      expect(session.scope).toBe(scopesForRole('developer').join(' '));
      expect(session.scope).not.toContain('credentials:manage');
      await dataSource.manager.update(UserEntity, { id: userId }, { role: 'viewer' });
      await expect(refreshed(session.refreshToken)).resolves.toMatchObject({ scope: 'payments:read accounts:read' });
    });

    it('refuses an expired token, one past the session\'s end, and one of a user who is gone', async () => {
      const idle = await login('acme-owner', acme.password);
      await dataSource.manager.update(RefreshTokenEntity, { accessTokenJti: decodeJwt(idle.accessToken).jti! }, { expiresAt: new Date(Date.now() - 1000) });
      await expect(refresh(idle.refreshToken)).resolves.toMatchObject({ ok: false, error: 'invalid_grant' });

      const old = await login('acme-owner', acme.password);
      const past = new Date(Date.now() - 1000);
      await dataSource.manager.update(RefreshTokenEntity, { accessTokenJti: decodeJwt(old.accessToken).jti! }, { expiresAt: past, familyExpiresAt: past });
      await expect(refresh(old.refreshToken)).resolves.toMatchObject({ ok: false, error: 'invalid_grant' });

      const userId = await addUser(acme, 'acme-leaver', 'owner');
      const leaver = await login('acme-leaver', VIEWER_PASSWORD);
      await dataSource.manager.delete(UserEntity, { id: userId });
      await expect(refresh(leaver.refreshToken)).resolves.toMatchObject({ ok: false, error: 'invalid_grant' });
    });

    it('refuses a missing, unknown or malformed refresh token, and one presented by another client', async () => {
      await expect(refresh('')).resolves.toMatchObject({ ok: false, error: 'invalid_request' });
      await expect(refresh(`rt_${'A'.repeat(43)}`)).resolves.toMatchObject({ ok: false, error: 'invalid_grant' });
      await expect(refresh('not-a-token')).resolves.toMatchObject({ ok: false, error: 'invalid_grant' });
      const session = await login('acme-owner', acme.password);
      await expect(refresh(session.refreshToken, asClient(acme))).resolves.toMatchObject({ ok: false, error: 'invalid_grant' });
      // Refused for the wrong client, it was not used up: the dashboard may still refresh with it.
      await expect(refreshed(session.refreshToken)).resolves.toMatchObject({ ok: true });
    });

    it('keeps the dashboard, a public client, to the refresh_token grant, and gives client credentials no refresh token', async () => {
      await expect(bus.ok(Patterns.AuthOAuthToken, { grantType: 'client_credentials', ...asDashboard, issuer: ISSUER, sourceAddress: SOURCE_ADDRESS })).resolves.toMatchObject({
        ok: false,
        error: 'unauthorized_client',
      });
      await expect(bus.ok(Patterns.AuthOAuthToken, { grantType: 'refresh_token', clientId: acme.client_id, authMethod: 'none', refreshToken: 'x', issuer: ISSUER, sourceAddress: SOURCE_ADDRESS })).resolves.toMatchObject({
        ok: false,
        error: 'invalid_client',
      });
      const issued = await bus.ok(Patterns.AuthOAuthToken, { grantType: 'client_credentials', ...asClient(acme), issuer: ISSUER, sourceAddress: SOURCE_ADDRESS });
      expect(issued).toMatchObject({ ok: true });
      expect(issued).not.toHaveProperty('refreshToken');
    });
  });

  describe('revocation (RFC 7009)', () => {
    it('revokes a refresh token\'s whole session and deny-lists its access tokens', async () => {
      const session = await login('acme-owner', acme.password);
      const next = await refreshed(session.refreshToken);
      await expect(revoke(next.refreshToken, asDashboard)).resolves.toEqual({ ok: true });
      await expect(refresh(next.refreshToken)).resolves.toMatchObject({ ok: false, error: 'invalid_grant' });
      expect(await revokedJtis()).toEqual(expect.arrayContaining([decodeJwt(session.accessToken).jti, decodeJwt(next.accessToken).jti]));
      await expect(revoke(next.refreshToken, asDashboard)).resolves.toEqual({ ok: true });
    });

    it('deny-lists an access token, once however often it is revoked', async () => {
      const token = await clientToken(acme);
      await expect(revoke(token, asClient(acme))).resolves.toEqual({ ok: true });
      await expect(revoke(token, asClient(acme))).resolves.toEqual({ ok: true });
      expect((await revokedJtis()).filter((jti) => jti === decodeJwt(token).jti)).toHaveLength(1);
      await expect(introspect(token, asClient(acme))).resolves.toEqual({ ok: true, introspection: { active: false } });
    });

    it('refuses to revoke another client\'s token', async () => {
      const betaToken = await clientToken(beta);
      const notYours = { ok: false, error: 'unauthorized_client', errorDescription: 'The token was not issued to this client.' };
      await expect(revoke(betaToken, asClient(acme))).resolves.toEqual(notYours);
      await expect(revoke(betaToken, asDashboard)).resolves.toEqual(notYours);
      const session = await login('acme-owner', acme.password);
      await expect(revoke(session.refreshToken, asClient(acme))).resolves.toEqual(notYours);
      await expect(revoke(session.accessToken, asClient(acme))).resolves.toEqual(notYours);
      expect(await revokedJtis()).not.toContain(decodeJwt(betaToken).jti);
      await expect(refreshed(session.refreshToken)).resolves.toMatchObject({ ok: true });
    });

    it('answers ok for a token it does not know, and refuses a client that fails to authenticate', async () => {
      for (const token of ['', 'garbage', `rt_${'B'.repeat(43)}`, 'eyJhbGciOiJub25lIn0.eyJqdGkiOiJ4In0.']) {
        await expect(revoke(token, asClient(acme))).resolves.toEqual({ ok: true });
      }
      await expect(revoke('garbage', { ...asClient(acme), clientSecret: 'wrong' })).resolves.toMatchObject({ ok: false, error: 'invalid_client' });
    });
  });

  describe('introspection (RFC 7662)', () => {
    it('describes an active access token of a user\'s session and of a client', async () => {
      const session = await login('acme-owner', acme.password);
      const claims = decodeJwt(session.accessToken);
      await expect(introspect(session.accessToken, asClient(acme))).resolves.toEqual({
        ok: true,
        introspection: {
          active: true,
          token_type: 'Bearer',
          scope: OAuthScopes.join(' '),
          client_id: DASHBOARD_CLIENT_ID,
          sub: claims.sub,
          username: 'acme-owner',
          iat: claims.iat,
          exp: claims.exp,
          iss: ISSUER,
          aud: 'payrail-api',
          jti: claims.jti,
          merchant_id: acme.merchant_id,
          livemode: false,
        },
      });
      const token = await clientToken(acme);
      const result = await introspect(token, asClient(acme));
      expect(result).toMatchObject({ ok: true, introspection: { active: true, client_id: acme.client_id, sub: acme.client_id } });
      expect(result.ok && result.introspection).not.toHaveProperty('username');
    });

    it('describes an active refresh token, and not a used one', async () => {
      const session = await login('acme-owner', acme.password);
      await expect(introspect(session.refreshToken, asClient(acme))).resolves.toMatchObject({
        ok: true,
        introspection: { active: true, token_type: 'refresh_token', client_id: DASHBOARD_CLIENT_ID, username: 'acme-owner', merchant_id: acme.merchant_id },
      });
      await refreshed(session.refreshToken);
      await expect(introspect(session.refreshToken, asClient(acme))).resolves.toEqual({ ok: true, introspection: { active: false } });
    });

    it('says only active:false for an expired, a revoked, a forged or another merchant\'s token', async () => {
      const inactive = { ok: true, introspection: { active: false } };
      const key = await app.get(JwtSigningKeysService).signingKey();
      const expired = await signAccessToken(
        { clientId: acme.client_id, merchantId: acme.merchant_id, livemode: false, scopes: ['payments:read'] },
        { issuer: ISSUER, kid: key.kid, privateKey: key.privateKey, lifetimeSeconds: 60, now: new Date(Date.now() - 120_000) },
      );
      await expect(introspect(expired.token, asClient(acme))).resolves.toEqual(inactive);

      const session = await login('acme-owner', acme.password);
      await revoke(session.accessToken, asDashboard);
      await expect(introspect(session.accessToken, asClient(acme))).resolves.toEqual(inactive);

      const [header, payload] = (await clientToken(acme)).split('.');
      await expect(introspect(`${header}.${payload}.AAAA`, asClient(acme))).resolves.toEqual(inactive);

      const fresh = await login('acme-owner', acme.password);
      await expect(introspect(fresh.accessToken, asClient(beta))).resolves.toEqual(inactive);
      await expect(introspect(fresh.refreshToken, asClient(beta))).resolves.toEqual(inactive);
      await expect(introspect(await clientToken(acme), asClient(beta))).resolves.toEqual(inactive);
    });

    it('is for confidential clients only', async () => {
      const session = await login('acme-owner', acme.password);
      await expect(introspect(session.accessToken, asDashboard)).resolves.toMatchObject({ ok: false, error: 'invalid_client' });
      await expect(introspect(session.accessToken, { ...asClient(acme), clientSecret: 'wrong' })).resolves.toMatchObject({ ok: false, error: 'invalid_client' });
    });
  });

  it('keeps no refresh token, client secret or password in clear in any auth table', async () => {
    const secrets = [...refreshTokensSeen, acme.password, beta.password, VIEWER_PASSWORD, acme.client_secret, beta.client_secret];
    expect(refreshTokensSeen.length).toBeGreaterThan(10);
    const tables = (await dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'auth' AND table_type = 'BASE TABLE'`,
    )) as Array<{ table_name: string }>;
    expect(tables.map((table) => table.table_name)).toEqual(expect.arrayContaining(['refresh_tokens', 'revoked_access_tokens', 'login_attempts', 'users']));
    for (const { table_name: table } of tables) {
      const dump = JSON.stringify(await dataSource.query(`SELECT * FROM "auth"."${table}"`));
      for (const secret of secrets) expect(dump.includes(secret)).toBe(false);
      // Nor the random part of a refresh token, in whatever encoding.
      for (const token of refreshTokensSeen) expect(dump.includes(Buffer.from(token.slice(3), 'base64url').toString('hex'))).toBe(false);
    }
  });
});
