import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { Patterns } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import request from 'supertest';
import { FakeBus, startEdgeController } from '../testing/edge-controller-under-test.js';
import { trustProxySetting } from '../http/trust-proxy.js';
import { DashboardAuthController } from './dashboard-auth.controller.js';

const auth = new FakeBus();
let app: INestApplication;
const issuer = () => `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
const session = { ok: true as const, accessToken: 'eyJ.at.sig', expiresIn: 900, scope: 'payments:read accounts:read', refreshToken: 'rt_1' };

beforeAll(async () => {
  delete process.env.PAYRAIL_OAUTH_ISSUER;
  delete process.env.PAYRAIL_PUBLIC_URL;
  app = await startEdgeController(DashboardAuthController, auth);
});

afterAll(() => app.close());

beforeEach(() => auth.reset());

describe('POST /api/v1/auth/login', () => {
  it.each([
    ['JSON', (r: request.Test) => r.send({ username: 'Owner@Example.com', password: 'hunter2', livemode: true })],
    ['a form', (r: request.Test) => r.type('form').send('username=Owner%40Example.com&password=hunter2&livemode=true')],
  ])('logs a user in from %s and answers the session, no-store', async (_how, send) => {
    auth.replies[Patterns.AuthUserLogin] = () => session;
    const response = await send(request(app.getHttpServer()).post('/api/v1/auth/login'));
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toEqual({ access_token: 'eyJ.at.sig', refresh_token: 'rt_1', token_type: 'Bearer', expires_in: 900, scope: 'payments:read accounts:read' });
    expect(auth.sent).toEqual([
      { pattern: Patterns.AuthUserLogin, request: { username: 'Owner@Example.com', password: 'hunter2', livemode: true, issuer: issuer(), sourceAddress: '127.0.0.1' } },
    ]);
  });

  it('forwards the address the connection came from, whatever X-Forwarded-For claims', async () => {
    auth.replies[Patterns.AuthUserLogin] = () => session;
    await request(app.getHttpServer()).post('/api/v1/auth/login').set('x-forwarded-for', '203.0.113.9').send({ username: 'a', password: 'b' });
    expect(auth.sent[0].request).toMatchObject({ sourceAddress: '127.0.0.1' });
  });

  it('believes X-Forwarded-For only from proxies PAYRAIL_TRUST_PROXY names', async () => {
    const behindProxy = await startEdgeController(DashboardAuthController, auth, { trustProxy: trustProxySetting('loopback') });
    try {
      auth.replies[Patterns.AuthUserLogin] = () => session;
      await request(behindProxy.getHttpServer()).post('/api/v1/auth/login').set('x-forwarded-for', '198.51.100.1, 203.0.113.9').send({ username: 'a', password: 'b' });
      // The last hop before the trusted proxy; what a client wrote further left is not believed.
      expect(auth.sent[0].request).toMatchObject({ sourceAddress: '203.0.113.9' });
    } finally {
      await behindProxy.close();
    }
  });

  it('answers a throttled login with 429 and Retry-After', async () => {
    auth.replies[Patterns.AuthUserLogin] = () => {
      throw new PayrailError('login_throttled', 'Too many failed logins: try again in 4 seconds.', { details: { retry_after: 4 } });
    };
    const response = await request(app.getHttpServer()).post('/api/v1/auth/login').send({ username: 'a', password: 'b' });
    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBe('4');
    expect(response.body.error).toMatchObject({ code: 'login_throttled', type: 'rate_limit_error', retry_after: 4 });
  });

  it.each([
    [{ password: 'b' }, 'parameter_missing', 'username'],
    [{ username: 'a', password: '' }, 'parameter_missing', 'password'],
    [{ username: 'a', password: 'b', livemode: 'maybe' }, 'parameter_invalid', 'livemode'],
    [{ username: 'a', password: 'b', remember: true }, 'parameter_unknown', 'remember'],
    [{ username: ['a', 'b'], password: 'b' }, 'parameter_invalid', 'username'],
  ])('refuses %j with 400 %s', async (body, code, param) => {
    const response = await request(app.getHttpServer()).post('/api/v1/auth/login').send(body);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ type: 'invalid_request_error', code, param });
    expect(auth.sent).toEqual([]);
  });
});

describe('POST /api/v1/auth/refresh', () => {
  it('refreshes through the token endpoint as the dashboard, a public client', async () => {
    auth.replies[Patterns.AuthOAuthToken] = () => ({ ...session, refreshToken: 'rt_2' });
    const response = await request(app.getHttpServer()).post('/api/v1/auth/refresh').send({ refresh_token: 'rt_1' });
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toMatchObject({ access_token: 'eyJ.at.sig', refresh_token: 'rt_2', token_type: 'Bearer' });
    expect(auth.sent).toEqual([
      {
        pattern: Patterns.AuthOAuthToken,
        request: { clientId: 'payrail-dashboard', authMethod: 'none', grantType: 'refresh_token', refreshToken: 'rt_1', issuer: issuer(), sourceAddress: '127.0.0.1' },
      },
    ]);
  });

  it('answers a refused refresh token with 401 refresh_token_invalid, saying why', async () => {
    auth.replies[Patterns.AuthOAuthToken] = () => ({ ok: false, error: 'invalid_grant', errorDescription: 'The refresh token was already used: the session is revoked.' });
    const response = await request(app.getHttpServer()).post('/api/v1/auth/refresh').type('form').send({ refresh_token: 'rt_1' });
    expect(response.status).toBe(401);
    expect(response.body.error).toMatchObject({
      type: 'authentication_error',
      code: 'refresh_token_invalid',
      message: 'The refresh token was already used: the session is revoked.',
    });
  });

  it('requires the refresh token', async () => {
    const response = await request(app.getHttpServer()).post('/api/v1/auth/refresh').send({});
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'parameter_missing', param: 'refresh_token' });
  });
});

describe('POST /api/v1/auth/logout', () => {
  it('revokes the session\'s refresh token as the dashboard and answers 204', async () => {
    auth.replies[Patterns.AuthOAuthRevoke] = () => ({ ok: true });
    const response = await request(app.getHttpServer()).post('/api/v1/auth/logout').send({ refresh_token: 'rt_1' });
    expect(response.status).toBe(204);
    expect(auth.sent).toEqual([
      {
        pattern: Patterns.AuthOAuthRevoke,
        request: { clientId: 'payrail-dashboard', authMethod: 'none', token: 'rt_1', tokenTypeHint: 'refresh_token', issuer: issuer(), sourceAddress: '127.0.0.1' },
      },
    ]);
  });

  it('refuses a token that is not the dashboard\'s', async () => {
    auth.replies[Patterns.AuthOAuthRevoke] = () => ({ ok: false, error: 'unauthorized_client', errorDescription: 'The token was not issued to this client.' });
    const response = await request(app.getHttpServer()).post('/api/v1/auth/logout').send({ refresh_token: 'eyJ.someone.else' });
    expect(response.status).toBe(401);
    expect(response.body.error).toMatchObject({ code: 'refresh_token_invalid' });
  });
});
