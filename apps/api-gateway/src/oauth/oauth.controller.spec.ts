import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { Patterns } from '@payrail/contracts';
import request from 'supertest';
import { FakeBus, startEdgeController } from '../testing/edge-controller-under-test.js';
import { OAuthController } from './oauth.controller.js';

const auth = new FakeBus();
let app: INestApplication;
const issuer = () => `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

beforeAll(async () => {
  delete process.env.PAYRAIL_OAUTH_ISSUER;
  delete process.env.PAYRAIL_PUBLIC_URL;
  app = await startEdgeController(OAuthController, auth);
});

afterAll(() => app.close());

beforeEach(() => auth.reset());

describe('POST /oauth/token', () => {
  it('forwards the refresh_token grant of a public client (client_id alone) with no secret', async () => {
    auth.replies[Patterns.AuthOAuthToken] = () => ({ ok: true, accessToken: 'at', expiresIn: 900, scope: 'payments:read', refreshToken: 'rt_new' });
    const response = await request(app.getHttpServer())
      .post('/oauth/token')
      .type('form')
      .send({ grant_type: 'refresh_token', refresh_token: 'rt_old', client_id: 'payrail-dashboard' });
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toEqual({ access_token: 'at', token_type: 'Bearer', expires_in: 900, scope: 'payments:read', refresh_token: 'rt_new' });
    expect(auth.sent).toEqual([
      {
        pattern: Patterns.AuthOAuthToken,
        request: { clientId: 'payrail-dashboard', authMethod: 'none', grantType: 'refresh_token', refreshToken: 'rt_old', issuer: issuer(), sourceAddress: '127.0.0.1' },
      },
    ]);
  });

  it('answers client credentials without a refresh_token field', async () => {
    auth.replies[Patterns.AuthOAuthToken] = () => ({ ok: true, accessToken: 'at', expiresIn: 900, scope: 's' });
    const response = await request(app.getHttpServer()).post('/oauth/token').type('form').set('authorization', basic('cli_1', 'sec')).send({ grant_type: 'client_credentials' });
    expect(response.body).toEqual({ access_token: 'at', token_type: 'Bearer', expires_in: 900, scope: 's' });
    expect(auth.sent[0].request).toEqual({ clientId: 'cli_1', clientSecret: 'sec', authMethod: 'client_secret_basic', grantType: 'client_credentials', issuer: issuer(), sourceAddress: '127.0.0.1' });
  });

  it('passes a throttled client\'s wait on as Retry-After, with the Basic challenge', async () => {
    auth.replies[Patterns.AuthOAuthToken] = () => ({ ok: false, error: 'invalid_client', errorDescription: 'Client slowed for 4 s.', retryAfterSeconds: 3.2 });
    const response = await request(app.getHttpServer()).post('/oauth/token').type('form').send({ grant_type: 'client_credentials', client_id: 'cli_1', client_secret: 'x' });
    expect(response.status).toBe(401);
    expect(response.headers['retry-after']).toBe('4');
    expect(response.headers['www-authenticate']).toBe('Basic realm="payrail"');
    expect(response.body).toEqual({ error: 'invalid_client', error_description: 'Client slowed for 4 s.' });
  });

  it('refuses a refresh_token given twice, or a JSON body, without asking auth', async () => {
    const twice = await request(app.getHttpServer()).post('/oauth/token').type('form').send('grant_type=refresh_token&refresh_token=a&refresh_token=b&client_id=payrail-dashboard');
    expect(twice.status).toBe(400);
    expect(twice.body).toEqual({ error: 'invalid_request', error_description: 'The parameter refresh_token must be given once, as a string.' });
    const json = await request(app.getHttpServer()).post('/oauth/token').send({ grant_type: 'refresh_token', refresh_token: 'a', client_id: 'payrail-dashboard' });
    expect(json.status).toBe(400);
    expect(auth.sent).toEqual([]);
  });
});

describe('POST /oauth/revoke (RFC 7009)', () => {
  it('forwards the token and hint with the client\'s credentials and answers 200 with an empty body', async () => {
    auth.replies[Patterns.AuthOAuthRevoke] = () => ({ ok: true });
    const response = await request(app.getHttpServer())
      .post('/oauth/revoke')
      .type('form')
      .set('authorization', basic('cli_1', 'sec'))
      .send({ token: 'eyJ.a.b', token_type_hint: 'access_token' });
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(auth.sent).toEqual([
      {
        pattern: Patterns.AuthOAuthRevoke,
        request: { clientId: 'cli_1', clientSecret: 'sec', authMethod: 'client_secret_basic', token: 'eyJ.a.b', tokenTypeHint: 'access_token', issuer: issuer(), sourceAddress: '127.0.0.1' },
      },
    ]);
  });

  it('lets a public client revoke its own tokens', async () => {
    auth.replies[Patterns.AuthOAuthRevoke] = () => ({ ok: true });
    const response = await request(app.getHttpServer()).post('/oauth/revoke').type('form').send({ token: 'rt_x', client_id: 'payrail-dashboard' });
    expect(response.status).toBe(200);
    expect(auth.sent[0].request).toEqual({ clientId: 'payrail-dashboard', authMethod: 'none', token: 'rt_x', issuer: issuer(), sourceAddress: '127.0.0.1' });
  });

  it('requires the token (400 invalid_request) and client authentication (401 invalid_client)', async () => {
    const missing = await request(app.getHttpServer()).post('/oauth/revoke').type('form').send({ client_id: 'cli_1', client_secret: 's' });
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ error: 'invalid_request', error_description: 'The token parameter is required.' });
    const anonymous = await request(app.getHttpServer()).post('/oauth/revoke').type('form').send({ token: 'rt_x' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['www-authenticate']).toBe('Basic realm="payrail"');
    expect(anonymous.body).toMatchObject({ error: 'invalid_client' });
    expect(auth.sent).toEqual([]);
  });

  it('answers the auth service\'s refusal as OAuth JSON', async () => {
    auth.replies[Patterns.AuthOAuthRevoke] = () => ({ ok: false, error: 'unauthorized_client', errorDescription: 'The token was not issued to this client.' });
    const response = await request(app.getHttpServer()).post('/oauth/revoke').type('form').set('authorization', basic('cli_2', 's')).send({ token: 'rt_x' });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: 'unauthorized_client', error_description: 'The token was not issued to this client.' });
  });
});

describe('POST /oauth/introspect (RFC 7662)', () => {
  it('answers the introspection as it is, no-store', async () => {
    const introspection = {
      active: true as const,
      token_type: 'Bearer' as const,
      scope: 'payments:read',
      client_id: 'cli_1',
      sub: 'cli_1',
      iat: 1,
      exp: 2,
      iss: 'x',
      merchant_id: 'acct_1',
      livemode: false,
    };
    auth.replies[Patterns.AuthOAuthIntrospect] = () => ({ ok: true, introspection });
    const response = await request(app.getHttpServer()).post('/oauth/introspect').type('form').send({ token: 'eyJ.a.b', client_id: 'cli_1', client_secret: 'sec' });
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toEqual(introspection);
    expect(auth.sent[0].request).toEqual({ clientId: 'cli_1', clientSecret: 'sec', authMethod: 'client_secret_post', token: 'eyJ.a.b', issuer: issuer(), sourceAddress: '127.0.0.1' });
  });

  it('refuses a public client as the auth service says, with 401', async () => {
    auth.replies[Patterns.AuthOAuthIntrospect] = () => ({ ok: false, error: 'invalid_client', errorDescription: 'Public clients may not introspect tokens.' });
    const response = await request(app.getHttpServer()).post('/oauth/introspect').type('form').send({ token: 'eyJ.a.b', client_id: 'payrail-dashboard' });
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ error: 'invalid_client' });
  });

  it('requires the token', async () => {
    const response = await request(app.getHttpServer()).post('/oauth/introspect').type('form').send({ client_id: 'cli_1', client_secret: 's', token: '' });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'invalid_request' });
  });
});

describe('GET /.well-known/oauth-authorization-server (RFC 8414)', () => {
  it('names the revocation and introspection endpoints and the refresh_token grant', async () => {
    const response = await request(app.getHttpServer()).get('/.well-known/oauth-authorization-server');
    expect(response.body).toMatchObject({
      revocation_endpoint: `${issuer()}/oauth/revoke`,
      introspection_endpoint: `${issuer()}/oauth/introspect`,
      grant_types_supported: ['client_credentials', 'refresh_token'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
      revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
      introspection_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    });
  });
});
