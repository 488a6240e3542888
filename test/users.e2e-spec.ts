import { randomUUID } from 'node:crypto';
import {
  createMerchant,
  REVOKED_TOKEN_USE,
  stripeClient,
  testEdgeUrls,
  tokenUseEverywhere,
  tokenUseOnceRefusedEverywhere,
  type MerchantCredentials,
} from '@payrail/testing';
import * as client from 'openid-client';

const baseUrl = process.env.PAYRAIL_TEST_BASE_URL!;
/** Every edge replica: a removed user's token must be refused by each of them, not only the one asked. */
const edgeUrls = testEdgeUrls();
const credentials = JSON.parse(process.env.PAYRAIL_TEST_CREDENTIALS!) as MerchantCredentials;

interface User {
  id: string;
  object: 'user';
  username: string;
  role: 'owner' | 'developer' | 'viewer';
  created: number;
  password?: string;
}

interface Session {
  access_token: string;
  refresh_token: string;
  scope: string;
}

interface Answer<T> {
  status: number;
  headers: Headers;
  text: string;
  body: T;
}

interface Refusal {
  error: { type: string; code: string; message: string; param?: string };
}

type Body = { json: Record<string, unknown> } | { form: Record<string, string> };

/** The Stripe SDK has no users resource: plain HTTP, with an API key or an access token as Bearer. */
async function call<T = Refusal>(bearer: string, method: string, path: string, body?: Body, at = baseUrl): Promise<Answer<T>> {
  const headers: Record<string, string> = { authorization: `Bearer ${bearer}` };
  let payload: string | undefined;
  if (body && 'json' in body) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body.json);
  } else if (body) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    payload = new URLSearchParams(body.form).toString();
  }
  const response = await fetch(`${at}${path}`, { method, headers, body: payload });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: (text ? JSON.parse(text) : {}) as T };
}

async function postJson(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> & Partial<Refusal> }> {
  const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function login(username: string, password: string, livemode = false): Promise<Session> {
  const response = await postJson('/api/v1/auth/login', { username, password, ...(livemode ? { livemode } : {}) });
  expect(response.status).toBe(200);
  return response.body as unknown as Session;
}

/** Users act in both modes, so only a live-mode caller adds, changes or removes them. */
const ownerSession = () => login(credentials.username, credentials.password, true);
const uniqueName = (role: string) => `${role}-${randomUUID()}`;

async function createUser(bearer: string, body: Body): Promise<User> {
  const answer = await call<User>(bearer, 'POST', '/v1/users', body);
  expect(answer.status).toBe(200);
  return answer.body;
}

async function expectAcceptedEverywhere(token: string): Promise<void> {
  expect(await tokenUseEverywhere(token)).toEqual(edgeUrls.map(() => ({ status: 200 })));
}

/** Revocation is meant to reach every edge within seconds. */
async function expectRevokedEverywhere(token: string): Promise<void> {
  expect(await tokenUseOnceRefusedEverywhere(token)).toEqual(edgeUrls.map(() => REVOKED_TOKEN_USE));
}

function expectRefused(answer: Answer<Refusal>, status: number, code: string, param?: string): void {
  expect({ status: answer.status, code: answer.body.error?.code, ...(param ? { param: answer.body.error?.param } : {}) }).toEqual({
    status,
    code,
    ...(param ? { param } : {}),
  });
}

async function clientCredentialsToken(): Promise<string> {
  const config = await client.discovery(new URL(baseUrl), credentials.client_id, undefined, client.ClientSecretBasic(credentials.client_secret), {
    execute: [client.allowInsecureRequests],
    algorithm: 'oauth2',
  });
  return (await client.clientCredentialsGrant(config)).access_token;
}

describe('dashboard users through the API', () => {
  let owner: Session;

  beforeAll(async () => {
    owner = await ownerSession();
    expect(owner.scope.split(' ')).toContain('users:manage');
  });

  it('lets the owner add a viewer with a generated password, shown once and never as a hash', async () => {
    const username = uniqueName('Viewer');
    const created = await call<User>(owner.access_token, 'POST', '/v1/users', { json: { username, role: 'viewer' } });
    expect(created.status).toBe(200);
    expect(created.headers.get('cache-control')).toBe('no-store');
    expect(created.body).toMatchObject({ object: 'user', username: username.toLowerCase(), role: 'viewer', created: expect.any(Number) });
    expect(created.body.id).toMatch(/^usr_/);
    expect(created.body.password).toMatch(/^[0-9A-Za-z]{12,}$/);
    expect(created.text).not.toMatch(/scrypt|hash/);

    const retrieved = await call<User>(owner.access_token, 'GET', `/v1/users/${created.body.id}`);
    expect(retrieved.status).toBe(200);
    expect(retrieved.body).toEqual({ id: created.body.id, object: 'user', username: username.toLowerCase(), role: 'viewer', created: created.body.created });

    const listed = await call<{ object: string; data: User[]; has_more: boolean }>(owner.access_token, 'GET', '/v1/users?limit=100');
    expect(listed.status).toBe(200);
    expect(listed.body.object).toBe('list');
    expect(listed.body.data.map((user) => user.id)).toContain(created.body.id);
    expect(listed.body.data.map((user) => user.username)).toContain(credentials.username);
    expect(listed.text).not.toContain(created.body.password!);
    expect(listed.text).not.toMatch(/scrypt|password/);
    const createdTimes = listed.body.data.map((user) => user.created);
    expect(createdTimes).toEqual([...createdTimes].sort((a, b) => b - a));

    // Logging in with the generated password, in any case of the username.
    await expect(login(username.toUpperCase(), created.body.password!)).resolves.toMatchObject({ scope: 'payments:read accounts:read' });
  });

  it('lets a viewer read payments, but neither create one nor manage users', async () => {
    const viewer = await createUser(owner.access_token, { json: { username: uniqueName('viewer'), role: 'viewer' } });
    const session = await login(viewer.username, viewer.password!);
    expect(session.scope).toBe('payments:read accounts:read');
    expect((await stripeClient(session.access_token).paymentIntents.list({ limit: 1 })).object).toBe('list');

    expectRefused(await call(session.access_token, 'POST', '/v1/payment_intents', { form: { amount: '1000', currency: 'usd' } }), 403, 'insufficient_scope');
    expectRefused(await call(session.access_token, 'GET', '/v1/users'), 403, 'insufficient_scope');
    expectRefused(await call(session.access_token, 'POST', '/v1/users', { json: { username: uniqueName('sneaky'), role: 'owner' } }), 403, 'insufficient_scope');
  });

  it('lets a developer create payments, but manage neither users nor API keys', async () => {
    const password = 'developer-password-0123';
    const developer = await createUser(owner.access_token, { form: { username: uniqueName('dev'), role: 'developer', password } });
    expect(developer).not.toHaveProperty('password');
    const session = await login(developer.username, password);
    expect(session.scope.split(' ')).toEqual(expect.arrayContaining(['payments:read', 'payments:write']));

    const intent = await stripeClient(session.access_token).paymentIntents.create({ amount: 2100, currency: 'usd', allowed_payment_method_types: ['card'] });
    expect(intent).toMatchObject({ object: 'payment_intent', amount: 2100 });
    expectRefused(await call(session.access_token, 'GET', '/v1/users'), 403, 'insufficient_scope');
    expectRefused(await call(session.access_token, 'DELETE', `/v1/users/${developer.id}`), 403, 'insufficient_scope');
    expectRefused(await call(session.access_token, 'GET', '/v1/api_keys'), 403, 'insufficient_scope');
    expectRefused(await call(session.access_token, 'POST', '/v1/api_keys', { form: { type: 'secret' } }), 403, 'insufficient_scope');
  });

  it('lets a live secret key manage users and a test one only read them: a test key must not make a way into live mode', async () => {
    const merchant = await createMerchant('Users By Key', { live: true });
    const created = await createUser(merchant.live_secret_key!, { form: { username: uniqueName('by-key'), role: 'viewer' } });
    expect((await call<User>(merchant.secret_key, 'GET', `/v1/users/${created.id}`)).body.username).toBe(created.username);
    const byTestKey = await call(merchant.secret_key, 'POST', '/v1/users', { form: { username: uniqueName('test-key'), role: 'owner' } });
    expectRefused(byTestKey, 403, 'permission_denied');
    expect(byTestKey.body.error.message).toMatch(/live mode/);
    expectRefused(await call(merchant.secret_key, 'POST', `/v1/users/${created.id}`, { form: { role: 'owner' } }), 403, 'permission_denied');
    expectRefused(await call(merchant.secret_key, 'DELETE', `/v1/users/${created.id}`), 403, 'permission_denied');
    const testSession = await login(credentials.username, credentials.password);
    expectRefused(await call(testSession.access_token, 'POST', '/v1/users', { form: { username: uniqueName('test-session'), role: 'owner' } }), 403, 'permission_denied');

    expectRefused(await call(credentials.publishable_key, 'GET', '/v1/users'), 403, 'permission_denied');
    expectRefused(await call(credentials.publishable_key, 'POST', '/v1/users', { form: { username: uniqueName('pk'), role: 'owner' } }), 403, 'permission_denied');
    const token = await clientCredentialsToken();
    expectRefused(await call(token, 'GET', '/v1/users'), 403, 'insufficient_scope');
    expectRefused(await call(token, 'POST', '/v1/users', { form: { username: uniqueName('cc'), role: 'owner' } }), 403, 'insufficient_scope');
  });

  it('ends the sessions of a user whose role changes: their tokens carried the old role\'s scopes', async () => {
    const password = 'developer-password-4567';
    const developer = await createUser(owner.access_token, { json: { username: uniqueName('dev'), role: 'developer', password } });
    const session = await login(developer.username, password);
    await expectAcceptedEverywhere(session.access_token);

    const updated = await call<User>(owner.access_token, 'POST', `/v1/users/${developer.id}`, { form: { role: 'viewer' } });
    expect(updated.status).toBe(200);
    expect(updated.body).toEqual({ ...developer, role: 'viewer' });

    const refreshed = await postJson('/api/v1/auth/refresh', { refresh_token: session.refresh_token });
    expect(refreshed.status).toBe(401);
    expect(refreshed.body.error).toMatchObject({ code: 'refresh_token_invalid' });
    await expectRevokedEverywhere(session.access_token);
    await expect(login(developer.username, password)).resolves.toMatchObject({ scope: 'payments:read accounts:read' });
  });

  it('ends every session of a removed user at once, at every edge, and they cannot log in again', async () => {
    const viewer = await createUser(owner.access_token, { json: { username: uniqueName('leaver'), role: 'viewer' } });
    const first = await login(viewer.username, viewer.password!);
    const second = await login(viewer.username, viewer.password!);
    await expectAcceptedEverywhere(first.access_token);
    await expectAcceptedEverywhere(second.access_token);

    const deleted = await call(owner.access_token, 'DELETE', `/v1/users/${viewer.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ id: viewer.id, object: 'user', deleted: true });

    for (const session of [first, second]) {
      const refreshed = await postJson('/api/v1/auth/refresh', { refresh_token: session.refresh_token });
      expect(refreshed.status).toBe(401);
      expect(refreshed.body.error).toMatchObject({ code: 'refresh_token_invalid' });
    }
    await expectRevokedEverywhere(first.access_token);
    await expectRevokedEverywhere(second.access_token);

    const again = await postJson('/api/v1/auth/login', { username: viewer.username, password: viewer.password });
    expect(again.status).toBe(401);
    expect(again.body.error).toMatchObject({ code: 'login_failed' });
    expectRefused(await call(owner.access_token, 'GET', `/v1/users/${viewer.id}`), 404, 'resource_missing');
    expectRefused(await call(owner.access_token, 'DELETE', `/v1/users/${viewer.id}`), 404, 'resource_missing');
  });

  it('never leaves a merchant without an owner', async () => {
    const merchant = await createMerchant('Users Last Owner', { live: true });
    const users = await call<{ data: User[] }>(merchant.secret_key, 'GET', '/v1/users');
    expect(users.body.data).toEqual([expect.objectContaining({ username: merchant.username, role: 'owner' })]);
    const onlyOwner = users.body.data[0]!;

    expectRefused(await call(merchant.live_secret_key!, 'DELETE', `/v1/users/${onlyOwner.id}`), 400, 'parameter_invalid', 'id');
    const demoted = await call(merchant.live_secret_key!, 'POST', `/v1/users/${onlyOwner.id}`, { json: { role: 'developer' } });
    expectRefused(demoted, 400, 'parameter_invalid', 'role');
    expect(demoted.body.error.message).toMatch(/only owner/);
    const session = await login(merchant.username, merchant.password, true);
    expect(session.scope.split(' ')).toContain('users:manage');

    // With a second owner, the first may go; the second is then the last.
    const successor = await createUser(session.access_token, { json: { username: uniqueName('heir'), role: 'owner' } });
    expect((await call<User>(session.access_token, 'POST', `/v1/users/${onlyOwner.id}`, { json: { role: 'viewer' } })).body.role).toBe('viewer');
    expectRefused(await call(merchant.live_secret_key!, 'DELETE', `/v1/users/${successor.id}`), 400, 'parameter_invalid', 'id');
    expectRefused(await call(merchant.live_secret_key!, 'POST', `/v1/users/${successor.id}`, { form: { role: 'viewer' } }), 400, 'parameter_invalid', 'role');
  });

  it("answers another merchant's user as if it did not exist, and leaves it be", async () => {
    const other = await createMerchant('Users Other Merchant', { live: true });
    const theirs = await createUser(other.live_secret_key!, { form: { username: uniqueName('theirs'), role: 'viewer' } });
    for (const [method, body] of [['GET'], ['POST', { form: { role: 'owner' } }], ['DELETE']] as const) {
      const answer = await call(owner.access_token, method, `/v1/users/${theirs.id}`, body);
      expect({ method, status: answer.status, code: answer.body.error.code, message: answer.body.error.message }).toEqual({
        method,
        status: 404,
        code: 'resource_missing',
        message: `No such user: '${theirs.id}'`,
      });
    }
    const mine = await call<{ data: User[] }>(owner.access_token, 'GET', '/v1/users?limit=100');
    expect(mine.body.data.map((user) => user.id)).not.toContain(theirs.id);
    expect((await call<User>(other.secret_key, 'GET', `/v1/users/${theirs.id}`)).body).toEqual({ ...theirs, password: undefined });
    await expect(login(theirs.username, theirs.password!)).resolves.toMatchObject({ scope: 'payments:read accounts:read' });
  });

  it('refuses a username already taken, in any case and by any merchant', async () => {
    const username = uniqueName('taken');
    await createUser(owner.access_token, { json: { username, role: 'viewer' } });
    const other = await createMerchant('Users Taken Elsewhere', { live: true });
    for (const [bearer, attempt] of [[owner.access_token, username.toUpperCase()], [other.live_secret_key!, username]] as const) {
      const answer = await call(bearer, 'POST', '/v1/users', { json: { username: attempt, role: 'developer' } });
      expectRefused(answer, 400, 'parameter_invalid', 'username');
      expect(answer.body.error.message).toBe(`The username '${username}' is already taken.`);
    }
  });

  it('refuses bad input with a 400 in the standard envelope, and changes nothing', async () => {
    const merchant = await createMerchant('Users Bad Input', { live: true });
    const count = async () => (await call<{ data: User[] }>(merchant.secret_key, 'GET', '/v1/users?limit=100')).body.data.length;
    const before = await count();
    const attempts: Array<[Body, string, string]> = [
      [{ json: { username: uniqueName('x'), role: 'admin' } }, 'parameter_invalid', 'role'],
      [{ json: { username: uniqueName('x') } }, 'parameter_missing', 'role'],
      [{ form: { role: 'viewer' } }, 'parameter_missing', 'username'],
      [{ json: { username: 'no spaces please', role: 'viewer' } }, 'parameter_invalid', 'username'],
      [{ json: { username: 'ab', role: 'viewer' } }, 'parameter_invalid', 'username'],
      [{ json: { username: uniqueName('x'), role: 'viewer', password: 'too-short' } }, 'parameter_invalid', 'password'],
      [{ json: { username: uniqueName('x'), role: 'viewer', password: 42 } }, 'parameter_invalid', 'password'],
      [{ json: { username: uniqueName('x'), role: 'viewer', is_admin: true } }, 'parameter_unknown', 'is_admin'],
    ];
    for (const [body, code, param] of attempts) {
      const answer = await call(merchant.live_secret_key!, 'POST', '/v1/users', body);
      expect({ body, status: answer.status, type: answer.body.error?.type, code: answer.body.error?.code, param: answer.body.error?.param }).toEqual({
        body,
        status: 400,
        type: 'invalid_request_error',
        code,
        param,
      });
    }
    const [ownerUser] = (await call<{ data: User[] }>(merchant.secret_key, 'GET', '/v1/users')).body.data;
    expectRefused(await call(merchant.live_secret_key!, 'POST', `/v1/users/${ownerUser!.id}`, { form: { role: 'superuser' } }), 400, 'parameter_invalid', 'role');
    expectRefused(await call(merchant.live_secret_key!, 'POST', `/v1/users/${ownerUser!.id}`, { json: {} }), 400, 'parameter_missing', 'role');
    expectRefused(await call(merchant.secret_key, 'GET', '/v1/users?limit=1000'), 400, 'parameter_invalid', 'limit');
    expect(await count()).toBe(before);
    expect((await call<User>(merchant.secret_key, 'GET', `/v1/users/${ownerUser!.id}`)).body.role).toBe('owner');
  });
});
