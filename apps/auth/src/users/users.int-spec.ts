import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import {
  DASHBOARD_CLIENT_ID,
  Patterns,
  type Caller,
  type ListResource,
  type UserLoginResult,
  type UserResource,
  type UserRole,
} from '@payrail/contracts';
import { decodeJwt } from 'jose';
import type { DataSource } from 'typeorm';
import type { MerchantCredentials } from '../merchant-bootstrap/index.js';
import { scopesForRole } from '../merchants/user-role-scopes.js';
import { AuthServiceUnderTest } from '../testing/auth-service-under-test.js';

const ISSUER = 'http://localhost:3000';
/** Where every request of this spec comes from, as the edge would say. */
const SOURCE_ADDRESS = '192.0.2.1';
const PASSWORD = 'a-long-enough-password';

describe('dashboard users managed through the auth service (Postgres, transport)', () => {
  const auth = new AuthServiceUnderTest();
  const { send, ok, refused } = auth.bus;
  let dataSource: DataSource;
  let acmeCredentials: MerchantCredentials;
  let acme: Caller;
  let other: Caller;

  const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

  /** With PASSWORD unless told otherwise; `null`: none given, so one is generated. */
  function create(caller: Caller, role: UserRole, password: string | null = PASSWORD, username = unique(role)): Promise<UserResource> {
    return ok(Patterns.AuthUserCreate, { caller, params: { username, role, ...(password === null ? {} : { password }) } });
  }

  function login(username: string, password: string): Promise<UserLoginResult> {
    return ok(Patterns.AuthUserLogin, { username, password, issuer: ISSUER, sourceAddress: SOURCE_ADDRESS });
  }

  function refresh(refreshToken: string) {
    return ok(Patterns.AuthOAuthToken, { grantType: 'refresh_token', clientId: DASHBOARD_CLIENT_ID, authMethod: 'none', refreshToken, issuer: ISSUER, sourceAddress: SOURCE_ADDRESS });
  }

  async function deniedJtis(): Promise<string[]> {
    return (await ok(Patterns.AuthOAuthRevokedAccessTokens, {})).revoked.map((entry) => entry.jti);
  }

  const jti = (session: { accessToken: string }) => decodeJwt(session.accessToken).jti!;

  /** A merchant of its own with one owner, for the rules about owners. */
  async function freshMerchant(): Promise<{ caller: Caller; owner: UserResource; credentials: MerchantCredentials }> {
    const credentials = await auth.bootstrap({ name: unique('Owners') });
    const caller = { merchantId: credentials.merchant_id, livemode: true };
    const owner = (await ok(Patterns.AuthUserList, { caller, params: {} })).data[0]!;
    return { caller, owner, credentials };
  }

  beforeAll(async () => {
    ({ dataSource } = await auth.start());
    acmeCredentials = await auth.bootstrap({ name: 'Acme Users', username: 'acme-users-owner' });
    acme = { merchantId: acmeCredentials.merchant_id, livemode: true };
    other = { merchantId: (await auth.bootstrap({ name: 'Other Users' })).merchant_id, livemode: true };
  });

  afterAll(() => auth.close());

  describe('create', () => {
    it('refuses a test-mode caller adding, changing or removing users, and lets it read them', async () => {
      const user = await create(acme, 'viewer');
      const testMode = { ...acme, livemode: false };
      for (const [pattern, params] of [
        [Patterns.AuthUserCreate, { username: unique('test-mode'), role: 'owner' }],
        [Patterns.AuthUserUpdate, { id: user.id, role: 'owner' }],
        [Patterns.AuthUserDelete, { id: user.id }],
      ] as const) {
        expect(await refused(pattern, { caller: testMode, params: params as never })).toMatchObject({ code: 'permission_denied' });
      }
      expect(await ok(Patterns.AuthUserRetrieve, { caller: testMode, params: { id: user.id } })).toEqual({ ...user, password: undefined });
    });

    it('generates a password when none is given, shows it this once, and the user logs in with it', async () => {
      const created = await create(acme, 'viewer', null, '  Viewer.One@Example.com ');
      expect(created).toMatchObject({ object: 'user', username: 'viewer.one@example.com', role: 'viewer' });
      expect(created.id).toMatch(/^usr_/);
      expect(created.password).toMatch(/^[0-9A-Za-z]{25}$/);

      const session = await login('VIEWER.ONE@example.com', created.password!);
      expect(session.scope).toBe(scopesForRole('viewer').join(' '));
      expect(decodeJwt(session.accessToken)).toMatchObject({ sub: created.id, merchant_id: acme.merchantId });

      const retrieved = await ok(Patterns.AuthUserRetrieve, { caller: acme, params: { id: created.id } });
      expect(retrieved).toEqual({ ...created, password: undefined });
      expect(retrieved).not.toHaveProperty('password');
    });

    it('takes a password of the caller\'s, stores only its scrypt hash and never answers with either', async () => {
      const password = 'my own passphrase, long enough';
      const created = await create(acme, 'developer', password);
      expect(created).not.toHaveProperty('password');
      const [row] = (await dataSource.query(`SELECT "password_hash" FROM "auth"."users" WHERE "id" = $1`, [created.id])) as [{ password_hash: string }];
      expect(row.password_hash).toMatch(/^scrypt\$/);
      expect(row.password_hash).not.toContain(password);
      const listed = await ok(Patterns.AuthUserList, { caller: acme, params: { limit: 100 } });
      expect(JSON.stringify([created, listed])).not.toContain('scrypt');
      await expect(login(created.username, password)).resolves.toMatchObject({ ok: true, scope: scopesForRole('developer').join(' ') });
    });

    it('refuses a username taken in any case, by this merchant or another, creating nothing', async () => {
      const username = unique('taken');
      await create(acme, 'viewer', PASSWORD, username);
      for (const [caller, attempt] of [[acme, username.toUpperCase()], [other, username]] as const) {
        const error = await refused(Patterns.AuthUserCreate, { caller, params: { username: attempt, role: 'viewer' } });
        expect(error).toMatchObject({ code: 'parameter_invalid', param: 'username', message: `The username '${username}' is already taken.` });
      }
      const [{ count }] = (await dataSource.query(`SELECT count(*)::int AS count FROM "auth"."users" WHERE "username" = $1`, [username])) as [{ count: number }];
      expect(count).toBe(1);
    });

    it('refuses bad input as a parameter error', async () => {
      for (const [params, param] of [
        [{ username: 'no spaces allowed', role: 'viewer' }, 'username'],
        [{ username: unique('x'), role: 'admin' }, 'role'],
        [{ username: unique('x'), role: 'viewer', password: 'short' }, 'password'],
      ] as const) {
        expect(await refused(Patterns.AuthUserCreate, { caller: acme, params: params as never })).toMatchObject({ code: 'parameter_invalid', param });
      }
    });
  });

  describe('list', () => {
    it('lists the merchant\'s users newest first, by pages, and only its own', async () => {
      const { caller, owner } = await freshMerchant();
      const first = await create(caller, 'viewer');
      const second = await create(caller, 'developer');
      const page = await ok(Patterns.AuthUserList, { caller, params: { limit: 2 } });
      expect(page).toMatchObject({ object: 'list', has_more: true, url: '/v1/users' });
      expect(page.data.map((user) => user.id)).toEqual([second.id, first.id]);
      const rest: ListResource<UserResource> = await ok(Patterns.AuthUserList, { caller, params: { limit: 2, starting_after: first.id } });
      expect(rest.data.map((user) => user.id)).toEqual([owner.id]);
      expect(rest.has_more).toBe(false);
      const back = await ok(Patterns.AuthUserList, { caller, params: { ending_before: owner.id } });
      expect(back.data.map((user) => user.id)).toEqual([second.id, first.id]);

      expect((await ok(Patterns.AuthUserList, { caller: other, params: { limit: 100 } })).data.map((user) => user.id)).not.toContain(first.id);
      expect(await refused(Patterns.AuthUserList, { caller: other, params: { starting_after: first.id } })).toMatchObject({
        code: 'resource_missing',
        param: 'starting_after',
      });
    });
  });

  describe('update', () => {
    it('changes the role and ends the user\'s sessions, whose tokens carry the old role\'s scopes', async () => {
      const user = await create(acme, 'developer');
      const session = await login(user.username, PASSWORD);
      const later = await login(user.username, PASSWORD);
      const updated = await ok(Patterns.AuthUserUpdate, { caller: acme, params: { id: user.id, role: 'viewer' } });
      expect(updated).toEqual({ ...user, role: 'viewer' });

      for (const ended of [session, later]) await expect(refresh(ended.refreshToken)).resolves.toMatchObject({ ok: false, error: 'invalid_grant' });
      expect(await deniedJtis()).toEqual(expect.arrayContaining([jti(session), jti(later)]));
      await expect(login(user.username, PASSWORD)).resolves.toMatchObject({ scope: scopesForRole('viewer').join(' ') });
      expect((await ok(Patterns.AuthUserRetrieve, { caller: acme, params: { id: user.id } })).role).toBe('viewer');
    });

    it('leaves the sessions alone when the role does not change', async () => {
      const user = await create(acme, 'viewer');
      const session = await login(user.username, PASSWORD);
      await expect(ok(Patterns.AuthUserUpdate, { caller: acme, params: { id: user.id, role: 'viewer' } })).resolves.toEqual(user);
      await expect(refresh(session.refreshToken)).resolves.toMatchObject({ ok: true });
    });

    it('refuses an unknown role', async () => {
      const user = await create(acme, 'viewer');
      expect(await refused(Patterns.AuthUserUpdate, { caller: acme, params: { id: user.id, role: 'root' as UserRole } })).toMatchObject({
        code: 'parameter_invalid',
        param: 'role',
      });
    });
  });

  describe('delete', () => {
    it('removes the user, ends every session of theirs at once, and they can no longer log in', async () => {
      const user = await create(acme, 'viewer');
      const first = await login(user.username, PASSWORD);
      const second = await login(user.username, PASSWORD);
      const rotated = await refresh(second.refreshToken);
      if (!rotated.ok || !rotated.refreshToken) throw new Error('expected a refresh');

      await expect(ok(Patterns.AuthUserDelete, { caller: acme, params: { id: user.id } })).resolves.toEqual({ id: user.id, object: 'user', deleted: true });

      await expect(refresh(first.refreshToken)).resolves.toMatchObject({ ok: false, error: 'invalid_grant' });
      await expect(refresh(rotated.refreshToken)).resolves.toMatchObject({ ok: false, error: 'invalid_grant' });
      expect(await deniedJtis()).toEqual(expect.arrayContaining([jti(first), jti(second), jti(rotated)]));
      expect(await refused(Patterns.AuthUserLogin, { username: user.username, password: PASSWORD, issuer: ISSUER, sourceAddress: SOURCE_ADDRESS })).toEqual({
        code: 'login_failed',
        message: 'Invalid username or password.',
      });
      const introspection = await ok(Patterns.AuthOAuthIntrospect, {
        token: first.accessToken,
        clientId: acmeCredentials.client_id,
        clientSecret: acmeCredentials.client_secret,
        authMethod: 'client_secret_post',
        issuer: ISSUER,
        sourceAddress: SOURCE_ADDRESS,
      });
      expect(introspection).toEqual({ ok: true, introspection: { active: false } });
      expect(await refused(Patterns.AuthUserRetrieve, { caller: acme, params: { id: user.id } })).toMatchObject({ code: 'resource_missing' });
      expect(await refused(Patterns.AuthUserDelete, { caller: acme, params: { id: user.id } })).toMatchObject({ code: 'resource_missing' });
    });

    it('frees the username for a new user, who is someone else', async () => {
      const user = await create(acme, 'viewer');
      await ok(Patterns.AuthUserDelete, { caller: acme, params: { id: user.id } });
      const again = await create(acme, 'developer', 'another long password', user.username);
      expect(again.id).not.toBe(user.id);
      expect(await refused(Patterns.AuthUserLogin, { username: user.username, password: PASSWORD, issuer: ISSUER, sourceAddress: SOURCE_ADDRESS })).toMatchObject({ code: 'login_failed' });
    });
  });

  describe('owners', () => {
    it('never lets the last owner be demoted or removed, and a refusal ends no session', async () => {
      const { caller, owner, credentials } = await freshMerchant();
      const session = await login(credentials.username, credentials.password);
      for (const role of ['developer', 'viewer'] as const) {
        expect(await refused(Patterns.AuthUserUpdate, { caller, params: { id: owner.id, role } })).toMatchObject({
          code: 'parameter_invalid',
          param: 'role',
          message: expect.stringContaining('only owner'),
        });
      }
      expect(await refused(Patterns.AuthUserDelete, { caller, params: { id: owner.id } })).toMatchObject({
        code: 'parameter_invalid',
        param: 'id',
        message: expect.stringContaining('only owner'),
      });
      expect((await ok(Patterns.AuthUserRetrieve, { caller, params: { id: owner.id } })).role).toBe('owner');
      await expect(refresh(session.refreshToken)).resolves.toMatchObject({ ok: true });
      expect(await deniedJtis()).not.toContain(jti(session));
    });

    it('lets an owner go once another user is an owner', async () => {
      const { caller, owner } = await freshMerchant();
      const successor = await create(caller, 'developer');
      await ok(Patterns.AuthUserUpdate, { caller, params: { id: successor.id, role: 'owner' } });
      await expect(ok(Patterns.AuthUserUpdate, { caller, params: { id: owner.id, role: 'viewer' } })).resolves.toMatchObject({ role: 'viewer' });
      await expect(ok(Patterns.AuthUserDelete, { caller, params: { id: owner.id } })).resolves.toMatchObject({ deleted: true });
      expect(await refused(Patterns.AuthUserDelete, { caller, params: { id: successor.id } })).toMatchObject({ code: 'parameter_invalid' });
    });

    it('lets only one of two owners demoted at the same moment go', async () => {
      const { caller, owner } = await freshMerchant();
      const second = await create(caller, 'owner');
      const results = await Promise.all([
        send(Patterns.AuthUserUpdate, { caller, params: { id: owner.id, role: 'developer' } }),
        send(Patterns.AuthUserDelete, { caller, params: { id: second.id } }),
      ]);
      expect(results.filter((result) => result.ok)).toHaveLength(1);
      expect(results.find((result) => !result.ok)).toMatchObject({ ok: false, error: { code: 'parameter_invalid' } });
      const owners = (await ok(Patterns.AuthUserList, { caller, params: {} })).data.filter((user) => user.role === 'owner');
      expect(owners).toHaveLength(1);
    });
  });

  it("answers another merchant's user as if it did not exist, and leaves it be", async () => {
    const user = await create(acme, 'developer');
    const session = await login(user.username, PASSWORD);
    for (const [pattern, params] of [
      [Patterns.AuthUserRetrieve, { id: user.id }],
      [Patterns.AuthUserUpdate, { id: user.id, role: 'owner' }],
      [Patterns.AuthUserDelete, { id: user.id }],
    ] as const) {
      expect(await refused(pattern, { caller: other, params } as never)).toEqual({ code: 'resource_missing', message: `No such user: '${user.id}'`, param: 'id' });
    }
    expect(await ok(Patterns.AuthUserRetrieve, { caller: acme, params: { id: user.id } })).toEqual(user);
    await expect(refresh(session.refreshToken)).resolves.toMatchObject({ ok: true });
  });
});
