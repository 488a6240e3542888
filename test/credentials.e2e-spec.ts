import { randomUUID } from 'node:crypto';
import type { OAuthClientResource, SigningKeyResource } from '@payrail/contracts';
import { signRequest } from '@payrail/signing';
import {
  createMerchant,
  REVOKED_TOKEN_USE,
  testEdgeUrls,
  tokenUseAt,
  tokenUseEverywhere,
  tokenUseOnceRefusedEverywhere,
  type MerchantCredentials,
} from '@payrail/testing';
import * as client from 'openid-client';

const baseUrl = process.env.PAYRAIL_TEST_BASE_URL!;
/** Every edge replica: revoking a client must reach each of them, not only the one it was made at. */
const edgeUrls = testEdgeUrls();

interface Answer<T> {
  status: number;
  text: string;
  body: T;
}

type ErrorBody = { error: { type: string; code: string; message: string; param?: string } };

/** Plain HTTP with a bearer credential; a string body is sent form-encoded, anything else as JSON. */
async function call<T = ErrorBody>(bearer: string, method: string, path: string, body?: string | object, edge = baseUrl): Promise<Answer<T>> {
  const headers: Record<string, string> = { authorization: `Bearer ${bearer}` };
  if (typeof body === 'string') headers['content-type'] = 'application/x-www-form-urlencoded';
  else if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${edge}${path}`, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as T };
}

async function createClient(secretKey: string, body: string | object): Promise<OAuthClientResource> {
  const answer = await call<OAuthClientResource>(secretKey, 'POST', '/v1/oauth_clients', body);
  expect(answer.status).toBe(200);
  return answer.body;
}

function discover(clientId: string, clientSecret: string): Promise<client.Configuration> {
  return client.discovery(new URL(baseUrl), clientId, undefined, client.ClientSecretBasic(clientSecret), {
    execute: [client.allowInsecureRequests],
    algorithm: 'oauth2',
  });
}

async function clientCredentials(clientId: string, clientSecret: string): Promise<client.TokenEndpointResponse> {
  return client.clientCredentialsGrant(await discover(clientId, clientSecret));
}

/** The token endpoint's refusal of the client, as openid-client surfaces a 401 with its Basic challenge. */
async function clientRefusal(clientId: string, clientSecret: string): Promise<{ status: number; error: unknown }> {
  const refused = await clientCredentials(clientId, clientSecret).then(() => undefined, (e: unknown) => e);
  expect(refused).toBeInstanceOf(client.WWWAuthenticateChallengeError);
  const challenge = refused as client.WWWAuthenticateChallengeError;
  return { status: challenge.status, error: ((await challenge.response.json()) as { error: string }).error };
}

async function expectAcceptedEverywhere(token: string): Promise<void> {
  expect(await tokenUseEverywhere(token)).toEqual(edgeUrls.map(() => ({ status: 200 })));
}

/** Revocation is meant to reach every edge within seconds. */
async function expectRevokedEverywhere(token: string): Promise<void> {
  expect(await tokenUseOnceRefusedEverywhere(token)).toEqual(edgeUrls.map(() => REVOKED_TOKEN_USE));
}

/** A GET signed the way a merchant's server signs it. */
async function signedGet(keyId: string, secret: string, path: string, edge = baseUrl): Promise<Answer<ErrorBody & { object?: string }>> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomUUID();
  const signature = signRequest(secret, { method: 'GET', path, timestamp, nonce, rawBody: '' });
  const response = await fetch(`${edge}${path}`, {
    headers: { 'X-API-KEY': keyId, 'X-API-TIMESTAMP': timestamp, 'X-API-NONCE': nonce, 'X-API-SIGNATURE': signature },
  });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) };
}

describe('OAuth clients through the API', () => {
  let acme: MerchantCredentials;

  beforeAll(async () => {
    acme = await createMerchant('Credentials Acme');
  });

  it('creates a read-only client whose tokens list payment intents but cannot create one; its secret is shown once', async () => {
    const created = await createClient(acme.secret_key, 'name=Reporting&scopes[]=payments:read');
    expect(created).toMatchObject({ object: 'oauth_client', name: 'Reporting', scopes: ['payments:read'], livemode: false, status: 'active', revoked_at: null });
    expect(created.id).toMatch(/^cli_/);
    expect(created.client_secret).toEqual(expect.any(String));

    const tokens = await clientCredentials(created.id, created.client_secret!);
    expect(tokens).toMatchObject({ token_type: 'bearer', scope: 'payments:read' });
    expect(await tokenUseAt(baseUrl, tokens.access_token)).toEqual({ status: 200 });
    const creating = await call(tokens.access_token, 'POST', '/v1/payment_intents', 'amount=1000&currency=usd');
    expect({ status: creating.status, code: creating.body.error.code }).toEqual({ status: 403, code: 'insufficient_scope' });

    const retrieved = await call<OAuthClientResource>(acme.secret_key, 'GET', `/v1/oauth_clients/${created.id}`);
    expect(retrieved.status).toBe(200);
    expect(retrieved.body).toEqual({ ...created, client_secret: undefined });
    expect(retrieved.body).not.toHaveProperty('client_secret');
    const listed = await call<{ object: string; data: OAuthClientResource[] }>(acme.secret_key, 'GET', '/v1/oauth_clients?limit=100');
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((each) => each.id)).toEqual(expect.arrayContaining([created.id, acme.client_id]));
    expect(listed.body.data[0]!.id).toBe(created.id);
    for (const each of listed.body.data) expect(each).not.toHaveProperty('client_secret');
    for (const secret of [created.client_secret!, acme.client_secret]) expect(listed.text + retrieved.text).not.toContain(secret);
  });

  it('takes a JSON body, and defaults to the catalogue but the administrative scopes', async () => {
    const created = await createClient(acme.secret_key, { name: 'Everything but admin' });
    expect(created.scopes).toEqual(['payments:read', 'payments:write', 'refunds:write', 'customers:write', 'webhooks:manage', 'accounts:read', 'transfers:write']);
    const json = await createClient(acme.secret_key, { name: 'JSON', scopes: ['refunds:write', 'payments:read'] });
    expect(json.scopes).toEqual(['payments:read', 'refunds:write']);
  });

  it('rolls the secret: the old one is invalid_client at once, the new one works', async () => {
    const created = await createClient(acme.secret_key, 'name=Rolled&scopes[]=payments:read');
    const rolled = await call<OAuthClientResource>(acme.secret_key, 'POST', `/v1/oauth_clients/${created.id}/roll_secret`);
    expect(rolled.status).toBe(200);
    expect(rolled.body).toMatchObject({ id: created.id, status: 'active', client_secret: expect.any(String) });
    expect(rolled.body.client_secret).not.toBe(created.client_secret);
    expect(await clientRefusal(created.id, created.client_secret!)).toEqual({ status: 401, error: 'invalid_client' });
    expect((await clientCredentials(created.id, rolled.body.client_secret!)).scope).toBe('payments:read');
  });

  it('revokes a client: it is invalid_client, and the token it already holds is refused at every edge within seconds', async () => {
    const created = await createClient(acme.secret_key, 'name=Revoked&scopes[]=payments:read');
    const { access_token: held } = await clientCredentials(created.id, created.client_secret!);
    await expectAcceptedEverywhere(held);
    const bystander = (await clientCredentials(acme.client_id, acme.client_secret)).access_token;

    const revoked = await call<OAuthClientResource>(acme.secret_key, 'DELETE', `/v1/oauth_clients/${created.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: created.id, status: 'revoked', revoked_at: expect.any(Number) });
    expect((await call<OAuthClientResource>(acme.secret_key, 'DELETE', `/v1/oauth_clients/${created.id}`)).body).toEqual(revoked.body);

    expect(await clientRefusal(created.id, created.client_secret!)).toEqual({ status: 401, error: 'invalid_client' });
    await expectRevokedEverywhere(held);
    await expectAcceptedEverywhere(bystander);
    const introspected = await client.tokenIntrospection(await discover(acme.client_id, acme.client_secret), held);
    expect(introspected).toEqual({ active: false });

    const rollRevoked = await call(acme.secret_key, 'POST', `/v1/oauth_clients/${created.id}/roll_secret`);
    expect({ status: rollRevoked.status, code: rollRevoked.body.error.code }).toEqual({ status: 400, code: 'oauth_client_unexpected_state' });
  });

  it('refuses a live client to a test key, and gives one to a live key', async () => {
    const refused = await call(acme.secret_key, 'POST', '/v1/oauth_clients', 'name=Live&livemode=true');
    expect({ status: refused.status, code: refused.body.error.code }).toEqual({ status: 403, code: 'permission_denied' });
    const live = await createMerchant('Credentials Live', { live: true });
    const created = await createClient(live.live_secret_key!, 'name=Live&scopes[]=payments:read');
    expect(created.livemode).toBe(true);
  });

  it('refuses bad input with a 400 naming the parameter, and creates nothing', async () => {
    const count = async () => (await call<{ data: unknown[] }>(acme.secret_key, 'GET', '/v1/oauth_clients?limit=100')).body.data.length;
    const before = await count();
    const unknown = await call(acme.secret_key, 'POST', '/v1/oauth_clients', 'name=x&scopes[]=payments:read&scopes[]=payments:delete');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ type: 'invalid_request_error', code: 'parameter_invalid', param: 'scopes' });
    expect(unknown.body.error.message).toContain("unknown scope 'payments:delete'");
    for (const [body, param] of [
      ['scopes[]=payments:read', 'name'],
      ['name=x&scopes=', 'scopes'],
      ['name=x&scopes[]=payments:read&scopes[]=payments:read', 'scopes'],
      [`name=${'x'.repeat(101)}`, 'name'],
      ['name=x&livemode=maybe', 'livemode'],
      ['name=x&scope=payments:read', 'scope'],
    ] as const) {
      const answer = await call(acme.secret_key, 'POST', '/v1/oauth_clients', body);
      expect({ body, status: answer.status, param: answer.body.error.param }).toEqual({ body, status: 400, param });
    }
    expect(await count()).toBe(before);
  });

  it('is for secret keys and credentials:manage tokens only', async () => {
    const publishable = await call(acme.publishable_key, 'GET', '/v1/oauth_clients');
    expect({ status: publishable.status, code: publishable.body.error.code }).toEqual({ status: 403, code: 'permission_denied' });
    const { access_token: token } = await clientCredentials(acme.client_id, acme.client_secret);
    for (const path of ['/v1/oauth_clients', '/v1/signing_keys']) {
      const answer = await call(token, 'POST', path, 'name=x');
      expect({ path, status: answer.status, code: answer.body.error.code }).toEqual({ path, status: 403, code: 'insufficient_scope' });
    }
  });
});

describe('signing keys through the API', () => {
  let acme: MerchantCredentials;

  beforeAll(async () => {
    acme = await createMerchant('Signing Keys Acme');
  });

  it('creates a key whose secret signs requests, shown once; revoked, its next request is refused at every edge', async () => {
    const created = await call<SigningKeyResource>(acme.secret_key, 'POST', '/v1/signing_keys');
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ object: 'signing_key', livemode: false, status: 'active', secret: expect.any(String) });
    const key = created.body;
    expect(key.id).toMatch(/^hk_/);
    expect(key.last4).toBe(key.secret!.slice(-4));
    for (const edge of edgeUrls) {
      const signed = await signedGet(key.id, key.secret!, '/v1/payment_intents?limit=1', edge);
      expect({ status: signed.status, object: signed.body.object }).toEqual({ status: 200, object: 'list' });
    }

    const retrieved = await call<SigningKeyResource>(acme.secret_key, 'GET', `/v1/signing_keys/${key.id}`);
    expect(retrieved.body).toEqual({ ...key, secret: undefined });
    const listed = await call<{ data: SigningKeyResource[] }>(acme.secret_key, 'GET', '/v1/signing_keys?limit=100');
    expect(listed.body.data.map((each) => each.id)).toEqual(expect.arrayContaining([key.id, acme.signing_key]));
    for (const secret of [key.secret!, acme.signing_secret]) expect(listed.text + retrieved.text).not.toContain(secret);

    const revoked = await call<SigningKeyResource>(acme.secret_key, 'DELETE', `/v1/signing_keys/${key.id}`);
    expect(revoked.body).toMatchObject({ id: key.id, status: 'revoked', revoked_at: expect.any(Number) });
    for (const edge of edgeUrls) {
      const refused = await signedGet(key.id, key.secret!, '/v1/payment_intents?limit=1', edge);
      expect({ status: refused.status, code: refused.body.error.code }).toEqual({ status: 401, code: 'signing_key_invalid' });
    }
    expect((await signedGet(acme.signing_key, acme.signing_secret, '/v1/payment_intents?limit=1')).status).toBe(200);
  });

  it('refuses a live key to a test key, and a livemode that is no boolean', async () => {
    const live = await call(acme.secret_key, 'POST', '/v1/signing_keys', 'livemode=true');
    expect({ status: live.status, code: live.body.error.code }).toEqual({ status: 403, code: 'permission_denied' });
    const bad = await call(acme.secret_key, 'POST', '/v1/signing_keys', { livemode: 'sometimes' });
    expect({ status: bad.status, param: bad.body.error.param }).toEqual({ status: 400, param: 'livemode' });
  });
});

describe("another merchant's credentials", () => {
  it('are answered as if they did not exist, and keep working', async () => {
    const acme = await createMerchant('Credentials Isolation Acme');
    const other = await createMerchant('Credentials Isolation Other');
    const theirClient = await createClient(other.secret_key, 'name=Theirs&scopes[]=payments:read');
    const theirKey = (await call<SigningKeyResource>(other.secret_key, 'POST', '/v1/signing_keys')).body;
    for (const [method, path, resource, id] of [
      ['GET', `/v1/oauth_clients/${theirClient.id}`, 'oauth_client', theirClient.id],
      ['POST', `/v1/oauth_clients/${theirClient.id}/roll_secret`, 'oauth_client', theirClient.id],
      ['DELETE', `/v1/oauth_clients/${theirClient.id}`, 'oauth_client', theirClient.id],
      ['GET', `/v1/signing_keys/${theirKey.id}`, 'signing_key', theirKey.id],
      ['DELETE', `/v1/signing_keys/${theirKey.id}`, 'signing_key', theirKey.id],
    ] as const) {
      const answer = await call(acme.secret_key, method, path);
      expect({ method, path, status: answer.status, code: answer.body.error.code, message: answer.body.error.message }).toEqual({
        method,
        path,
        status: 404,
        code: 'resource_missing',
        message: `No such ${resource}: '${id}'`,
      });
    }
    const mine = await call<{ data: Array<{ id: string }> }>(acme.secret_key, 'GET', '/v1/oauth_clients?limit=100');
    expect(mine.body.data.map((each) => each.id)).not.toContain(theirClient.id);
    expect((await clientCredentials(theirClient.id, theirClient.client_secret!)).scope).toBe('payments:read');
    expect((await signedGet(theirKey.id, theirKey.secret!, '/v1/payment_intents?limit=1')).status).toBe(200);
  });
});
