import { createHmac, createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { SecretBox } from '@payrail/signing';
import { stripeClient, type MerchantCredentials } from '@payrail/testing';
import * as client from 'openid-client';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import pg from 'pg';
import Stripe from 'stripe';

const baseUrl = process.env.PAYRAIL_TEST_BASE_URL!;
const credentials = JSON.parse(process.env.PAYRAIL_TEST_CREDENTIALS!) as MerchantCredentials;
const ALL_SCOPES = 'payments:read payments:write refunds:write customers:write webhooks:manage accounts:read transfers:write';
const CATALOGUE = [...ALL_SCOPES.split(' '), 'credentials:manage', 'users:manage'];

async function discover(auth: client.ClientAuth = client.ClientSecretBasic(credentials.client_secret)): Promise<client.Configuration> {
  return client.discovery(new URL(baseUrl), credentials.client_id, undefined, auth, {
    execute: [client.allowInsecureRequests],
    algorithm: 'oauth2',
  });
}

async function accessToken(scope?: string): Promise<string> {
  const tokens = await client.clientCredentialsGrant(await discover(), scope ? { scope } : {});
  return tokens.access_token;
}

async function listIntents(token: string): Promise<Response> {
  return fetch(`${baseUrl}/v1/payment_intents?limit=1`, { headers: { authorization: `Bearer ${token}` } });
}

async function refusal(request: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  const error = await request.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(Stripe.errors.StripeError);
  return error as Stripe.errors.StripeError;
}

/** The platform's current signing key, read as only someone holding the database and the secrets key could. */
async function currentSigningKey(kid: string): Promise<KeyObject> {
  const env = JSON.parse(process.env.PAYRAIL_TEST_ENV!) as Record<string, string>;
  const db = new pg.Client({ connectionString: process.env.PAYRAIL_TEST_DATABASE_URL });
  await db.connect();
  try {
    const { rows } = await db.query('SELECT private_key_ciphertext FROM auth.oauth_signing_keys WHERE id = $1', [kid]);
    const box = SecretBox.fromRootKey(env.PAYRAIL_SECRETS_KEY, 'auth/jwt-signing-keys');
    return createPrivateKey(box.open(rows[0].private_key_ciphertext, kid));
  } finally {
    await db.end();
  }
}

describe('OAuth2 client credentials, as an integrator\'s library sees it', () => {
  it('discovers the authorization server metadata (RFC 8414)', async () => {
    const config = await discover();
    const metadata = config.serverMetadata();
    expect(metadata).toMatchObject({
      issuer: baseUrl,
      token_endpoint: `${baseUrl}/oauth/token`,
      jwks_uri: `${baseUrl}/.well-known/jwks.json`,
      revocation_endpoint: `${baseUrl}/oauth/revoke`,
      introspection_endpoint: `${baseUrl}/oauth/introspect`,
      grant_types_supported: ['client_credentials', 'refresh_token'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
      revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
      introspection_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    });
    expect(metadata.scopes_supported).toEqual(CATALOGUE);
  });

  it.each([
    ['client_secret_basic', () => client.ClientSecretBasic(credentials.client_secret)],
    ['client_secret_post', () => client.ClientSecretPost(credentials.client_secret)],
  ])('issues a token with %s that verifies against the published JWKS', async (_method, auth) => {
    const tokens = await client.clientCredentialsGrant(await discover(auth()));
    expect(tokens).toMatchObject({ token_type: 'bearer', expires_in: 900, scope: ALL_SCOPES });
    const jwks = createRemoteJWKSet(new URL(`${baseUrl}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(tokens.access_token, jwks, {
      issuer: baseUrl,
      audience: 'payrail-api',
      typ: 'at+jwt',
      algorithms: ['ES256'],
    });
    expect(protectedHeader.kid).toMatch(/^jwk_/);
    expect(payload).toMatchObject({ sub: credentials.client_id, client_id: credentials.client_id, merchant_id: credentials.merchant_id, livemode: false });
  });

  it('answers the token endpoint with no-store', async () => {
    const response = await fetch(`${baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: credentials.client_id, client_secret: credentials.client_secret }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('lets the token call the API through the Stripe SDK, for the client\'s merchant', async () => {
    const stripe = stripeClient(await accessToken());
    const intent = await stripe.paymentIntents.create({ amount: 2500, currency: 'usd', allowed_payment_method_types: ['card'] });
    expect(intent).toMatchObject({ object: 'payment_intent', amount: 2500, livemode: false });
    const byKey = await stripeClient(credentials.secret_key).paymentIntents.retrieve(intent.id);
    expect(byKey.id).toBe(intent.id);
  });

  it('refuses a route the token has no scope for with 403 insufficient_scope', async () => {
    const readOnly = await accessToken('payments:read');
    expect((await listIntents(readOnly)).status).toBe(200);
    const error = await refusal(stripeClient(readOnly).paymentIntents.create({ amount: 100, currency: 'usd' }));
    expect(error.statusCode).toBe(403);
    expect(error.code).toBe('insufficient_scope');

    const response = await fetch(`${baseUrl}/v1/refunds`, {
      method: 'POST',
      headers: { authorization: `Bearer ${readOnly}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'payment_intent=pi_x',
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
  });

  it('refuses a scope outside the catalogue with invalid_scope', async () => {
    const refused = await client.clientCredentialsGrant(await discover(), { scope: 'payments:admin' }).then(() => undefined, (e: unknown) => e);
    expect(refused).toBeInstanceOf(client.ResponseBodyError);
    expect(refused).toMatchObject({ error: 'invalid_scope', status: 400 });
  });

  it('refuses a wrong client secret with 401 invalid_client and a Basic challenge', async () => {
    const refused = await client
      .clientCredentialsGrant(await discover(client.ClientSecretBasic(`${credentials.client_secret}x`)))
      .then(() => undefined, (e: unknown) => e);
    // The client library surfaces the Basic challenge, as RFC 6749 §5.2 has the server send with a 401.
    expect(refused).toBeInstanceOf(client.WWWAuthenticateChallengeError);
    const challenge = refused as client.WWWAuthenticateChallengeError;
    expect(challenge.status).toBe(401);
    expect(challenge.cause).toEqual([expect.objectContaining({ scheme: 'basic', parameters: expect.objectContaining({ realm: 'payrail' }) })]);
    expect(await challenge.response.json()).toMatchObject({ error: 'invalid_client' });

    const response = await fetch(`${baseUrl}/oauth/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${credentials.client_id}:wrong`).toString('base64')}`,
      },
      body: 'grant_type=client_credentials',
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Basic realm="payrail"');
    expect(await response.json()).toEqual({ error: 'invalid_client', error_description: 'Client authentication failed.' });
  });

  it('refuses other grant types with unsupported_grant_type', async () => {
    const response = await fetch(`${baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: credentials.client_id, client_secret: credentials.client_secret, username: 'a', password: 'b' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'unsupported_grant_type' });
  });

  describe('forged and stale tokens are refused with 401', () => {
    let genuine: string;
    let kid: string;
    let signingKey: KeyObject;

    function claims(overrides: JWTPayload = {}): JWTPayload {
      const now = Math.floor(Date.now() / 1000);
      return {
        iss: baseUrl,
        aud: 'payrail-api',
        sub: credentials.client_id,
        client_id: credentials.client_id,
        scope: ALL_SCOPES,
        merchant_id: credentials.merchant_id,
        livemode: false,
        iat: now,
        exp: now + 600,
        jti: `jti_forged${now}`,
        ...overrides,
      };
    }

    beforeAll(async () => {
      genuine = await accessToken();
      kid = decodeProtectedHeader(genuine).kid!;
      signingKey = await currentSigningKey(kid);
    });

    async function expectRefused(token: string): Promise<void> {
      const response = await listIntents(token);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: 'access_token_invalid', type: 'authentication_error' } });
      expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"');
    }

    it('accepts what the platform\'s own key signs with the right claims (the control)', async () => {
      const token = await new SignJWT(claims()).setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid }).sign(signingKey);
      expect((await listIntents(token)).status).toBe(200);
    });

    it('refuses alg none', async () => {
      const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      await expectRefused(`${part({ alg: 'none', typ: 'at+jwt', kid })}.${part(claims())}.`);
    });

    it('refuses HS256 signed with the public key', async () => {
      const jwks = (await (await fetch(`${baseUrl}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
      const publicJwk = jwks.keys.find((key) => key.kid === kid)!;
      const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const input = `${part({ alg: 'HS256', typ: 'at+jwt', kid })}.${part(claims())}`;
      for (const secret of [JSON.stringify(publicJwk), JSON.stringify(jwks)]) {
        await expectRefused(`${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`);
      }
    });

    it('refuses a key not in the JWKS, under its own kid or a published one', async () => {
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      await expectRefused(await new SignJWT(claims()).setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: 'jwk_attacker' }).sign(privateKey));
      await expectRefused(await new SignJWT(claims()).setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid }).sign(privateKey));
    });

    it.each([
      ['expired', () => claims({ iat: Math.floor(Date.now() / 1000) - 1200, exp: Math.floor(Date.now() / 1000) - 300 }), 'at+jwt'],
      ['for another audience', () => claims({ aud: 'https://api.stripe.com' }), 'at+jwt'],
      ['from another issuer', () => claims({ iss: 'https://evil.example.com' }), 'at+jwt'],
      ['not typed as an access token', () => claims(), 'JWT'],
    ])('refuses a token %s, though signed with the real key', async (_name, payload, typ) => {
      await expectRefused(await new SignJWT(payload()).setProtectedHeader({ alg: 'ES256', typ, kid }).sign(signingKey));
    });

    it('refuses a tampered genuine token', async () => {
      const [header, payload, signature] = genuine.split('.');
      const altered = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), merchant_id: 'mch_someoneelse' })).toString('base64url');
      await expectRefused(`${header}.${altered}.${signature}`);
    });
  });
});
