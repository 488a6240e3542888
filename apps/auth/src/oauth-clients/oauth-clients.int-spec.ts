import 'reflect-metadata';
import type { INestMicroservice } from '@nestjs/common';
import { DASHBOARD_CLIENT_ID, OAuthScopes, Patterns, type Caller, type OAuthClientResource } from '@payrail/contracts';
import { hashSecret } from '@payrail/signing';
import { decodeJwt } from 'jose';
import type { DataSource } from 'typeorm';
import type { MerchantCredentials } from '../merchant-bootstrap/index.js';
import { ExpiredRevokedSubjectsPurger } from '../oauth/revocation/expired-revoked-subjects.purger.js';
import { AuthServiceUnderTest } from '../testing/auth-service-under-test.js';
import { DEFAULT_CLIENT_SCOPES } from './oauth-client-issuer.js';

const ISSUER = 'http://localhost:3000';
/** Where every request of this spec comes from, as the edge would say. */
const SOURCE_ADDRESS = '192.0.2.1';

describe('OAuth client management in the auth service (real SQL, transport)', () => {
  const auth = new AuthServiceUnderTest();
  const { send, ok, refused } = auth.bus;
  const { pepper: PEPPER } = auth;
  let app: INestMicroservice;
  let dataSource: DataSource;
  let acmeCredentials: MerchantCredentials;
  let acme: Caller;
  let other: Caller;

  beforeAll(async () => {
    ({ app, dataSource } = await auth.start());
    acmeCredentials = await auth.bootstrap({ name: 'Acme Clients' });
    acme = { merchantId: acmeCredentials.merchant_id, livemode: false };
    other = { merchantId: (await auth.bootstrap({ name: 'Other Clients' })).merchant_id, livemode: false };
  });

  afterAll(() => auth.close());

  function token(clientId: string, clientSecret: string, scope?: string) {
    return ok(Patterns.AuthOAuthToken, {
      grantType: 'client_credentials',
      clientId,
      clientSecret,
      authMethod: 'client_secret_basic',
      issuer: ISSUER,
      sourceAddress: SOURCE_ADDRESS,
      ...(scope === undefined ? {} : { scope }),
    });
  }

  async function accessToken(client: OAuthClientResource, secret = client.client_secret!): Promise<string> {
    const result = await token(client.id, secret);
    if (!result.ok) throw new Error(`expected a token, got ${result.error}`);
    return result.accessToken;
  }

  /** Introspected by the merchant's bootstrap client, a confidential client still active. */
  function introspect(accessTokenValue: string) {
    return ok(Patterns.AuthOAuthIntrospect, {
      clientId: acmeCredentials.client_id,
      clientSecret: acmeCredentials.client_secret,
      authMethod: 'client_secret_post',
      token: accessTokenValue,
      issuer: ISSUER,
      sourceAddress: SOURCE_ADDRESS,
    });
  }

  async function storedRows(): Promise<string> {
    return JSON.stringify(await dataSource.query('SELECT * FROM "auth"."oauth_clients"'));
  }

  async function databaseNowSeconds(): Promise<number> {
    const [{ now }] = (await dataSource.query('SELECT extract(epoch FROM now()) AS now')) as [{ now: string }];
    return Number(now);
  }

  it('creates a client with the scopes asked, shows its secret once, and stores only its keyed hash', async () => {
    const created = await ok(Patterns.AuthOAuthClientCreate, { caller: acme, params: { name: ' Reporting ', scopes: ['accounts:read', 'payments:read'] } });
    expect(created).toMatchObject({ object: 'oauth_client', name: 'Reporting', scopes: ['payments:read', 'accounts:read'], livemode: false, status: 'active', revoked_at: null });
    expect(created.id).toMatch(/^cli_[0-9A-Za-z]{24}$/);
    expect(created.client_secret).toMatch(/^[0-9A-Za-z]{40,}$/);
    const [row] = (await dataSource.query('SELECT secret_hash FROM "auth"."oauth_clients" WHERE id = $1', [created.id])) as [{ secret_hash: string }];
    expect(row.secret_hash).toBe(hashSecret(PEPPER, created.client_secret!));
    expect(await storedRows()).not.toContain(created.client_secret!);

    await expect(token(created.id, created.client_secret!)).resolves.toMatchObject({ ok: true, scope: 'payments:read accounts:read' });
    await expect(token(created.id, created.client_secret!, 'payments:write')).resolves.toMatchObject({ ok: false, error: 'invalid_scope' });

    const retrieved = await ok(Patterns.AuthOAuthClientRetrieve, { caller: acme, params: { id: created.id } });
    expect(retrieved).toEqual({ ...created, client_secret: undefined });
    expect(retrieved).not.toHaveProperty('client_secret');
  });

  it("gives a client the catalogue but the administrative scopes by default, in the caller's mode", async () => {
    const testClient = await ok(Patterns.AuthOAuthClientCreate, { caller: acme, params: { name: 'Default scopes' } });
    expect(testClient).toMatchObject({ scopes: DEFAULT_CLIENT_SCOPES, livemode: false });
    expect(testClient.scopes).not.toContain('credentials:manage');
    const liveClient = await ok(Patterns.AuthOAuthClientCreate, { caller: { ...acme, livemode: true }, params: { name: 'Live by default' } });
    expect(liveClient.livemode).toBe(true);
    const issued = decodeJwt(await accessToken(liveClient));
    expect(issued).toMatchObject({ livemode: true, merchant_id: acme.merchantId, sub: liveClient.id });
  });

  it('refuses a live client to a test-mode caller, creating nothing', async () => {
    const before = await storedRows();
    const error = await refused(Patterns.AuthOAuthClientCreate, { caller: acme, params: { name: 'Sneaky', livemode: true } });
    expect(error).toMatchObject({ code: 'permission_denied' });
    expect(await storedRows()).toBe(before);
  });

  it.each([
    [{ scopes: ['payments:read'] }, 'parameter_missing', 'name', 'Missing required param: name.'],
    [{ name: '   ' }, 'parameter_invalid', 'name', "An OAuth client's name is 1 to 100 characters."],
    [{ name: 'x'.repeat(101) }, 'parameter_invalid', 'name', "An OAuth client's name is 1 to 100 characters."],
    [{ name: 'n', scopes: [] }, 'parameter_invalid', 'scopes', `An OAuth client needs at least one scope, from: ${OAuthScopes.join(', ')}.`],
    [{ name: 'n', scopes: ['payments:read', 'payments:delete'] }, 'parameter_invalid', 'scopes', `Unknown scope 'payments:delete'. The scopes are: ${OAuthScopes.join(', ')}.`],
    [{ name: 'n', scopes: ['payments:read', 'payments:read'] }, 'parameter_invalid', 'scopes', "The scope 'payments:read' is listed more than once."],
    [{ name: 'n', scopes: 'payments:read' }, 'parameter_invalid', 'scopes', 'Invalid scopes: scopes must be an array'],
    [{ name: 'n', livemode: 'yes' }, 'parameter_invalid', 'livemode', 'Invalid livemode: livemode must be a boolean value'],
  ])('refuses to create %j, creating nothing', async (params, code, param, message) => {
    const before = await storedRows();
    const error = await refused(Patterns.AuthOAuthClientCreate, { caller: acme, params: params as never });
    expect({ code: error.code, param: error.param, message: error.message }).toEqual({ code, param, message });
    expect(await storedRows()).toBe(before);
  });

  it('lists the merchant’s clients of both modes newest first, by pages, without secrets or the dashboard client', async () => {
    const first = await ok(Patterns.AuthOAuthClientCreate, { caller: acme, params: { name: 'Page one' } });
    const second = await ok(Patterns.AuthOAuthClientCreate, { caller: acme, params: { name: 'Page two' } });
    const page = await ok(Patterns.AuthOAuthClientList, { caller: acme, params: { limit: 2 } });
    expect(page).toMatchObject({ object: 'list', has_more: true, url: '/v1/oauth_clients' });
    expect(page.data.map((client) => client.id)).toEqual([second.id, first.id]);
    const all = await ok(Patterns.AuthOAuthClientList, { caller: acme, params: { limit: 100 } });
    const ids = all.data.map((client) => client.id);
    expect(ids).toContain(acmeCredentials.client_id);
    expect(ids).not.toContain(DASHBOARD_CLIENT_ID);
    expect(all.data.map((client) => client.livemode)).toEqual(expect.arrayContaining([true, false]));
    for (const client of all.data) expect(client).not.toHaveProperty('client_secret');
    expect(JSON.stringify(all)).not.toContain(first.client_secret!);
    const rest = await ok(Patterns.AuthOAuthClientList, { caller: acme, params: { limit: 100, starting_after: first.id } });
    expect(rest.data.map((client) => client.id)).not.toContain(second.id);
    await expect(refused(Patterns.AuthOAuthClientRetrieve, { caller: acme, params: { id: DASHBOARD_CLIENT_ID } })).resolves.toMatchObject({
      code: 'resource_missing',
    });
  });

  it('rolls the secret: the old one stops at once, the new one works, tokens already issued keep working', async () => {
    const created = await ok(Patterns.AuthOAuthClientCreate, { caller: acme, params: { name: 'To roll', scopes: ['payments:read'] } });
    const before = await accessToken(created);
    const rolled = await ok(Patterns.AuthOAuthClientRollSecret, { caller: acme, params: { id: created.id } });
    expect(rolled).toMatchObject({ id: created.id, status: 'active', scopes: ['payments:read'] });
    expect(rolled.client_secret).toMatch(/^[0-9A-Za-z]{40,}$/);
    expect(rolled.client_secret).not.toBe(created.client_secret);
    await expect(token(created.id, created.client_secret!)).resolves.toMatchObject({ ok: false, error: 'invalid_client' });
    await expect(token(created.id, rolled.client_secret!)).resolves.toMatchObject({ ok: true });
    await expect(introspect(before)).resolves.toMatchObject({ ok: true, introspection: { active: true, client_id: created.id } });
    expect(await storedRows()).not.toContain(rolled.client_secret!);
  });

  it("revokes a client: it cannot authenticate, and the tokens it holds go on the edge's feed and introspect inactive", async () => {
    const created = await ok(Patterns.AuthOAuthClientCreate, { caller: acme, params: { name: 'To revoke' } });
    const held = await accessToken(created);
    const bystander = await accessToken(await ok(Patterns.AuthOAuthClientCreate, { caller: acme, params: { name: 'Bystander' } }));
    await expect(introspect(held)).resolves.toMatchObject({ introspection: { active: true } });
    const feedBefore = await ok(Patterns.AuthOAuthRevokedAccessTokens, {});
    expect(feedBefore.revokedSubjects.map((subject) => subject.sub)).not.toContain(created.id);

    const revokedAtSeconds = await databaseNowSeconds();
    const revoked = await ok(Patterns.AuthOAuthClientRevoke, { caller: acme, params: { id: created.id } });
    expect(revoked).toMatchObject({ id: created.id, status: 'revoked', revoked_at: expect.any(Number) });
    expect(revoked).not.toHaveProperty('client_secret');
    await expect(ok(Patterns.AuthOAuthClientRevoke, { caller: acme, params: { id: created.id } })).resolves.toEqual(revoked);
    await expect(token(created.id, created.client_secret!)).resolves.toMatchObject({ ok: false, error: 'invalid_client' });

    const feed = await ok(Patterns.AuthOAuthRevokedAccessTokens, { since: feedBefore.asOf });
    const entry = feed.revokedSubjects.find((subject) => subject.sub === created.id);
    expect(entry).toBeDefined();
    expect(entry!.issuedUpTo).toBeGreaterThanOrEqual(decodeJwt(held).iat!);
    expect(entry!.issuedUpTo).toBeGreaterThanOrEqual(Math.floor(revokedAtSeconds));
    // Kept until every token it covers has expired (15 minutes) and a margin beyond the edge's tolerance.
    expect(entry!.exp).toBeGreaterThanOrEqual(entry!.issuedUpTo + 900 + 60);
    expect(entry!.exp).toBeLessThanOrEqual(Math.ceil(revokedAtSeconds) + 900 + 60 + 30 + 5);
    // An incremental read from after the revocation no longer carries it; the edge keeps what it has.
    const later = await ok(Patterns.AuthOAuthRevokedAccessTokens, { since: feed.asOf + 1_000 });
    expect(later.revokedSubjects.map((subject) => subject.sub)).not.toContain(created.id);

    await expect(introspect(held)).resolves.toEqual({ ok: true, introspection: { active: false } });
    await expect(introspect(bystander)).resolves.toMatchObject({ introspection: { active: true } });
    const rollRevoked = await refused(Patterns.AuthOAuthClientRollSecret, { caller: acme, params: { id: created.id } });
    expect(rollRevoked).toMatchObject({ code: 'oauth_client_unexpected_state', param: 'id' });
  });

  it('lets only a live caller roll or revoke a live client', async () => {
    const live = { ...acme, livemode: true };
    const created = await ok(Patterns.AuthOAuthClientCreate, { caller: live, params: { name: 'Live', livemode: true } });
    for (const pattern of [Patterns.AuthOAuthClientRollSecret, Patterns.AuthOAuthClientRevoke] as const) {
      await expect(refused(pattern, { caller: acme, params: { id: created.id } })).resolves.toMatchObject({ code: 'permission_denied' });
    }
    await expect(token(created.id, created.client_secret!)).resolves.toMatchObject({ ok: true });
    await expect(ok(Patterns.AuthOAuthClientRevoke, { caller: live, params: { id: created.id } })).resolves.toMatchObject({ status: 'revoked' });
  });

  it("keeps one merchant's clients out of another's reach", async () => {
    const created = await ok(Patterns.AuthOAuthClientCreate, { caller: acme, params: { name: 'Private' } });
    for (const pattern of [Patterns.AuthOAuthClientRetrieve, Patterns.AuthOAuthClientRollSecret, Patterns.AuthOAuthClientRevoke] as const) {
      const error = await refused(pattern, { caller: other, params: { id: created.id } });
      expect({ code: error.code, message: error.message }).toEqual({ code: 'resource_missing', message: `No such oauth_client: '${created.id}'` });
    }
    expect(await send(Patterns.AuthOAuthClientList, { caller: other, params: { starting_after: created.id } })).toMatchObject({
      ok: false,
      error: { code: 'resource_missing', param: 'starting_after' },
    });
    expect((await ok(Patterns.AuthOAuthClientList, { caller: other, params: { limit: 100 } })).data.map((client) => client.id)).not.toContain(created.id);
    await expect(token(created.id, created.client_secret!)).resolves.toMatchObject({ ok: true });
  });

  it('purges revoked subjects once their tokens have all expired', async () => {
    await dataSource.query(
      `INSERT INTO "auth"."revoked_subjects" ("sub", "issued_up_to", "exp", "revoked_at") VALUES ('cli_expired', now() - interval '2 hours', now() - interval '1 hour', now() - interval '2 hours')`,
    );
    expect((await ok(Patterns.AuthOAuthRevokedAccessTokens, {})).revokedSubjects.map((subject) => subject.sub)).not.toContain('cli_expired');
    await app.get(ExpiredRevokedSubjectsPurger).purge();
    expect(await dataSource.query(`SELECT 1 FROM "auth"."revoked_subjects" WHERE "sub" = 'cli_expired'`)).toEqual([]);
    expect(Number((await dataSource.query(`SELECT count(*) AS n FROM "auth"."revoked_subjects"`))[0].n)).toBeGreaterThan(0);
  });
});
