import { randomUUID } from 'node:crypto';
import { DASHBOARD_CLIENT_ID } from '@payrail/contracts';
import {
  createMerchant,
  REVOKED_TOKEN_USE,
  stripeClient,
  testEdgeUrls,
  tokenUseAt,
  tokenUseEverywhere,
  tokenUseOnceRefusedEverywhere,
  type MerchantCredentials,
} from '@payrail/testing';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as client from 'openid-client';

const baseUrl = process.env.PAYRAIL_TEST_BASE_URL!;
/** Every edge replica: a revocation must reach each of them, not only the one it was made at. */
const edgeUrls = testEdgeUrls();
const credentials = JSON.parse(process.env.PAYRAIL_TEST_CREDENTIALS!) as MerchantCredentials;

interface Session {
  access_token: string;
  refresh_token: string;
  token_type: string;
  expires_in: number;
  scope: string;
}

async function postJson(path: string, body: unknown): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function login(): Promise<Session> {
  const response = await postJson('/api/v1/auth/login', { username: credentials.username, password: credentials.password });
  expect(response.status).toBe(200);
  return response.body as unknown as Session;
}

function discover(clientId: string, auth: client.ClientAuth): Promise<client.Configuration> {
  return client.discovery(new URL(baseUrl), clientId, undefined, auth, { execute: [client.allowInsecureRequests], algorithm: 'oauth2' });
}

/** The dashboard, a public client: it names itself and has no secret. */
const dashboard = () => discover(DASHBOARD_CLIENT_ID, client.None());
/** The merchant's integration, a confidential client. */
const integrator = () => discover(credentials.client_id, client.ClientSecretBasic(credentials.client_secret));

async function expectAcceptedEverywhere(token: string): Promise<void> {
  expect(await tokenUseEverywhere(token)).toEqual(edgeUrls.map(() => ({ status: 200 })));
}

/** Revocation is meant to reach every edge within seconds. */
async function expectRevokedEverywhere(token: string): Promise<void> {
  expect(await tokenUseOnceRefusedEverywhere(token)).toEqual(edgeUrls.map(() => REVOKED_TOKEN_USE));
}

async function oauthRefusal(work: Promise<unknown>): Promise<{ error: string; status: number }> {
  const error = await work.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(client.ResponseBodyError);
  return error as client.ResponseBodyError;
}

describe('dashboard sessions: login, refresh, logout', () => {
  it('logs the owner in; the access token acts for the merchant through the Stripe SDK', async () => {
    const response = await postJson('/api/v1/auth/login', { username: credentials.username, password: credentials.password });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const session = response.body as unknown as Session;
    expect(session).toMatchObject({ token_type: 'Bearer', expires_in: 900, refresh_token: expect.stringMatching(/^rt_/) });
    expect(session.scope.split(' ')).toEqual(expect.arrayContaining(['payments:read', 'payments:write', 'accounts:read']));

    const { payload } = await jwtVerify(session.access_token, createRemoteJWKSet(new URL(`${baseUrl}/.well-known/jwks.json`)), {
      issuer: baseUrl,
      audience: 'payrail-api',
      typ: 'at+jwt',
      algorithms: ['ES256'],
    });
    expect(payload).toMatchObject({ client_id: DASHBOARD_CLIENT_ID, merchant_id: credentials.merchant_id, livemode: false });
    expect(payload.sub).not.toBe(DASHBOARD_CLIENT_ID);

    const intent = await stripeClient(session.access_token).paymentIntents.create({ amount: 1800, currency: 'usd', allowed_payment_method_types: ['card'] });
    expect(intent).toMatchObject({ object: 'payment_intent', amount: 1800, livemode: false });
    expect((await stripeClient(credentials.secret_key).paymentIntents.retrieve(intent.id)).id).toBe(intent.id);
  });

  it('lets the owner\'s session manage API keys, which a client-credentials token may not', async () => {
    const session = await login();
    expect(session.scope.split(' ')).toContain('credentials:manage');
    const created = await fetch(`${baseUrl}/v1/api_keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.access_token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ type: 'secret', name: 'made from the dashboard' }),
    });
    expect(created.status).toBe(200);
    const key = (await created.json()) as { id: string; secret: string; livemode: boolean };
    expect(key).toMatchObject({ livemode: false, secret: expect.stringMatching(/^sk_test_/) });
    expect((await stripeClient(key.secret).paymentIntents.list({ limit: 1 })).object).toBe('list');

    const { access_token: clientToken } = await client.clientCredentialsGrant(await integrator());
    const refused = await fetch(`${baseUrl}/v1/api_keys`, { headers: { authorization: `Bearer ${clientToken}` } });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('insufficient_scope');
  });

  it('takes the login form-encoded too', async () => {
    const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: credentials.username, password: credentials.password }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ token_type: 'Bearer', refresh_token: expect.stringMatching(/^rt_/) });
  });

  it('refreshes with openid-client, rotating the refresh token; reusing a spent one revokes the whole session at every edge', async () => {
    const first = await login();
    const config = await dashboard();
    const second = await client.refreshTokenGrant(config, first.refresh_token);
    expect(second).toMatchObject({ token_type: 'bearer', expires_in: 900, scope: first.scope });
    expect(second.refresh_token).toMatch(/^rt_/);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.access_token).not.toBe(first.access_token);
    await expectAcceptedEverywhere(second.access_token);

    // The spent token again: refused, and taken as a stolen copy, so the session ends for everyone.
    expect(await oauthRefusal(client.refreshTokenGrant(config, first.refresh_token))).toMatchObject({ error: 'invalid_grant', status: 400 });
    expect(await oauthRefusal(client.refreshTokenGrant(config, second.refresh_token!))).toMatchObject({ error: 'invalid_grant', status: 400 });
    await expectRevokedEverywhere(first.access_token);
    await expectRevokedEverywhere(second.access_token);
  });

  it('refreshes first-party at /api/v1/auth/refresh, and says so in Payrail\'s envelope when the token is spent', async () => {
    const first = await login();
    const refreshed = await postJson('/api/v1/auth/refresh', { refresh_token: first.refresh_token });
    expect(refreshed.status).toBe(200);
    expect(refreshed.headers.get('cache-control')).toBe('no-store');
    expect(refreshed.body).toMatchObject({ token_type: 'Bearer', expires_in: 900, refresh_token: expect.stringMatching(/^rt_/) });
    expect(refreshed.body.refresh_token).not.toBe(first.refresh_token);
    expect((await tokenUseAt(baseUrl, refreshed.body.access_token as string)).status).toBe(200);

    const reused = await postJson('/api/v1/auth/refresh', { refresh_token: first.refresh_token });
    expect(reused.status).toBe(401);
    expect(reused.body.error).toMatchObject({ type: 'authentication_error', code: 'refresh_token_invalid', message: expect.any(String) });

    const unknown = await postJson('/api/v1/auth/refresh', { refresh_token: `rt_${randomUUID()}` });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error).toMatchObject({ code: 'refresh_token_invalid' });
  });

  it('logs out: the refresh token stops working and so, within seconds, does the access token', async () => {
    const session = await login();
    await expectAcceptedEverywhere(session.access_token);
    const logout = await postJson('/api/v1/auth/logout', { refresh_token: session.refresh_token });
    expect(logout.status).toBe(204);
    const refreshed = await postJson('/api/v1/auth/refresh', { refresh_token: session.refresh_token });
    expect(refreshed.status).toBe(401);
    expect(refreshed.body.error).toMatchObject({ code: 'refresh_token_invalid' });
    await expectRevokedEverywhere(session.access_token);
  });

  it.each([
    ['login without a password', '/api/v1/auth/login', { username: 'someone' }, 'parameter_missing', 'password'],
    ['login with an unknown parameter', '/api/v1/auth/login', { username: 'someone', password: 'x', otp: '123456' }, 'parameter_unknown', 'otp'],
    ['login with a non-boolean livemode', '/api/v1/auth/login', { username: 'someone', password: 'x', livemode: 'yes' }, 'parameter_invalid', 'livemode'],
    ['refresh without a token', '/api/v1/auth/refresh', {}, 'parameter_missing', 'refresh_token'],
    ['logout with a number for a token', '/api/v1/auth/logout', { refresh_token: 42 }, 'parameter_invalid', 'refresh_token'],
  ])('refuses %s with a 400 in the standard envelope', async (_name, path, body, code, param) => {
    const response = await postJson(path, body);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ type: 'invalid_request_error', code, param });
  });

  it('refuses a wrong password and then slows the username down, visibly, with Retry-After', async () => {
    // A username nobody has: the real owner is never slowed down by this test, and an unknown name is throttled all the same.
    const username = `nobody-${randomUUID()}@example.com`;
    for (let attempt = 1; attempt <= 3; attempt++) {
      const failed = await postJson('/api/v1/auth/login', { username, password: 'wrong' });
      expect(failed.status).toBe(401);
      expect(failed.body.error).toMatchObject({ type: 'authentication_error', code: 'login_failed', message: 'Invalid username or password.' });
    }
    const throttled = await postJson('/api/v1/auth/login', { username, password: 'wrong' });
    expect(throttled.status).toBe(429);
    expect(throttled.body.error).toMatchObject({ type: 'rate_limit_error', code: 'login_throttled', retry_after: expect.any(Number) });
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    // Once the wait is over the next attempt is checked again (and fails), and the wait after it is longer.
    let next = throttled;
    const deadline = Date.now() + 5_000;
    while (next.status === 429 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      next = await postJson('/api/v1/auth/login', { username, password: 'wrong' });
    }
    expect(next.body.error).toMatchObject({ code: 'login_failed' });
    const slower = await postJson('/api/v1/auth/login', { username, password: 'wrong' });
    expect(slower.status).toBe(429);
    expect(slower.body.error).toMatchObject({ code: 'login_throttled' });
    expect(Number(slower.headers.get('retry-after'))).toBeGreaterThan(Number(throttled.headers.get('retry-after')));
  });

  it('changes a password with the current one: every earlier session ends at every edge, and the old password stops', async () => {
    const merchant = await createMerchant('Password Change');
    const before = await postJson('/api/v1/auth/login', { username: merchant.username, password: merchant.password });
    const earlier = before.body as unknown as Session;
    await expectAcceptedEverywhere(earlier.access_token);

    const tooShort = await postJson('/api/v1/auth/password', { username: merchant.username, password: merchant.password, new_password: 'short' });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.error).toMatchObject({ type: 'invalid_request_error', code: 'parameter_invalid', param: 'new_password' });
    const wrong = await postJson('/api/v1/auth/password', { username: merchant.username, password: 'not it', new_password: 'a good new passphrase' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toMatchObject({ code: 'login_failed' });

    const changed = await postJson('/api/v1/auth/password', { username: merchant.username, password: merchant.password, new_password: 'a good new passphrase' });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('cache-control')).toBe('no-store');
    expect(changed.body).toMatchObject({ token_type: 'Bearer', refresh_token: expect.stringMatching(/^rt_/) });
    await expectAcceptedEverywhere((changed.body as unknown as Session).access_token);

    await expectRevokedEverywhere(earlier.access_token);
    expect((await postJson('/api/v1/auth/refresh', { refresh_token: earlier.refresh_token })).status).toBe(401);
    const oldPassword = await postJson('/api/v1/auth/login', { username: merchant.username, password: merchant.password });
    expect(oldPassword.status).toBe(401);
    expect((await postJson('/api/v1/auth/login', { username: merchant.username, password: 'a good new passphrase' })).status).toBe(200);
  });

  it('locks a username after repeated failures, even against the right password, and says until when', async () => {
    const merchant = await createMerchant('Locked Out');
    // Three failures are answered at once, then one attempt per wait (1 s, 2 s); the test platform locks at the
    // fifth failure (PAYRAIL_LOGIN_LOCK_AFTER_FAILURES=5; 10 by default).
    let failures = 0;
    const deadline = Date.now() + 15_000;
    while (failures < 5 && Date.now() < deadline) {
      const attempt = await postJson('/api/v1/auth/login', { username: merchant.username, password: 'wrong' });
      if (attempt.status === 401) failures++;
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(failures).toBe(5);

    const locked = await postJson('/api/v1/auth/login', { username: merchant.username, password: merchant.password });
    expect(locked.status).toBe(429);
    const error = locked.body.error as { code: string; message: string; locked_until: number };
    expect(error).toMatchObject({ type: 'rate_limit_error', code: 'login_locked', locked_until: expect.any(Number) });
    const shown = /locked until (\d{4}-\d\d-\d\dT[\d:.]+Z)/.exec(error.message)?.[1];
    expect(Math.abs(Date.parse(shown!) - error.locked_until * 1000)).toBeLessThan(1000);
    expect(error.locked_until * 1000 - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
  });
});

describe('token revocation (RFC 7009) and introspection (RFC 7662) with openid-client', () => {
  it('revokes a client-credentials access token: refused at every edge within seconds', async () => {
    const config = await integrator();
    const { access_token: token } = await client.clientCredentialsGrant(config);
    await expectAcceptedEverywhere(token);
    await client.tokenRevocation(config, token, { token_type_hint: 'access_token' });
    await expectRevokedEverywhere(token);
    // Revoking again, or something that is no token of ours, is no error (RFC 7009 §2.2).
    await client.tokenRevocation(config, token);
    await client.tokenRevocation(config, 'not-a-token');
  });

  it('lets the dashboard revoke its own access token as a public client', async () => {
    const session = await login();
    await client.tokenRevocation(await dashboard(), session.access_token);
    await expectRevokedEverywhere(session.access_token);
  });

  it('refuses to revoke another client\'s token, and a client that does not authenticate', async () => {
    const session = await login();
    expect(await oauthRefusal(client.tokenRevocation(await integrator(), session.refresh_token))).toMatchObject({ error: 'unauthorized_client' });
    expect((await tokenUseAt(baseUrl, session.access_token)).status).toBe(200);

    const anonymous = await fetch(`${baseUrl}/oauth/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: session.refresh_token }),
    });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Basic realm="payrail"');
    expect(await anonymous.json()).toMatchObject({ error: 'invalid_client' });

    const noToken = await fetch(`${baseUrl}/oauth/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: credentials.client_id, client_secret: credentials.client_secret }),
    });
    expect(noToken.status).toBe(400);
    expect(await noToken.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('introspects access and refresh tokens as active, and revoked or foreign ones as inactive', async () => {
    const config = await integrator();
    const { access_token: token } = await client.clientCredentialsGrant(config, { scope: 'payments:read' });
    expect(await client.tokenIntrospection(config, token)).toMatchObject({
      active: true,
      client_id: credentials.client_id,
      scope: 'payments:read',
      merchant_id: credentials.merchant_id,
      livemode: false,
      iss: baseUrl,
    });

    const session = await login();
    expect(await client.tokenIntrospection(config, session.access_token)).toMatchObject({ active: true, client_id: DASHBOARD_CLIENT_ID, username: expect.any(String) });
    expect(await client.tokenIntrospection(config, session.refresh_token, { token_type_hint: 'refresh_token' })).toMatchObject({
      active: true,
      token_type: 'refresh_token',
      client_id: DASHBOARD_CLIENT_ID,
    });

    await client.tokenRevocation(config, token);
    expect(await client.tokenIntrospection(config, token)).toEqual({ active: false });
    expect(await client.tokenIntrospection(config, 'eyJhbGciOiJub25lIn0.e30.')).toEqual({ active: false });
  });

  it('answers introspection no-store, and only to confidential clients', async () => {
    const session = await login();
    const response = await fetch(`${baseUrl}/oauth/introspect`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: session.access_token, client_id: credentials.client_id, client_secret: credentials.client_secret }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');

    // A public client may not ask: 401 with a Basic challenge, which openid-client reports as a challenge.
    const asPublic = await client.tokenIntrospection(await dashboard(), session.access_token).then(() => undefined, (e: unknown) => e);
    expect(asPublic).toBeInstanceOf(client.WWWAuthenticateChallengeError);
    expect(asPublic).toMatchObject({ status: 401 });
    expect(await (asPublic as client.WWWAuthenticateChallengeError).response.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('keeps the dashboard, a public client, to the refresh_token grant', async () => {
    const response = await fetch(`${baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: DASHBOARD_CLIENT_ID }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toMatchObject({ error: 'unauthorized_client' });
  });
});
