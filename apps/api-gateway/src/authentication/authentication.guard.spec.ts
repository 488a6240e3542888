import { Controller, Get, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Patterns, type VerifiedApiKey } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import type { MessageClient } from '@payrail/messaging';
import type { Request } from 'express';
import type { AccessTokenStrategy } from '../oauth/access-token.strategy.js';
import type { SignedRequestStrategy } from '../request-signing/signed-request.strategy.js';
import { FakeBus } from '../testing/edge-controller-under-test.js';
import { requestWithHeaders } from '../testing/passport-under-test.js';
import { Access } from './access.decorator.js';
import { ApiKeyStrategy } from './api-key.strategy.js';
import type { AuthenticatedCredential } from './authenticated-credential.js';
import { AuthenticationGuard } from './authentication.guard.js';
import { RequestStrategy } from './request-strategy.js';

@Controller()
class Routes {
  @Get() secretOnly() {}
  @Get() @Access({ publishableKey: true }) clientSide() {}
  @Get() @Access({ scope: 'payments:write' }) createIntent() {}
  @Get() @Access({ public: true }) health() {}
  @Get() @Access({ scope: 'pricing:manage' }) setPrices() {}
}

@Access({ scope: 'payments:read' })
@Controller()
class ScopedRoutes {
  @Get() @Access({ publishableKey: true }) retrieve() {}
}

const JWT = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJjbGkifQ.c2ln';
const SIGNATURE_HEADERS = { 'x-api-key': 'hk_1', 'x-api-timestamp': '1764000000', 'x-api-nonce': 'n-1', 'x-api-signature': 'a'.repeat(64) };
const KEYS: Record<string, VerifiedApiKey> = {
  sk_test_1: { keyId: 'key_1', merchantId: 'acct_1', livemode: false, type: 'secret', expiresAt: null },
  pk_test_1: { keyId: 'key_2', merchantId: 'acct_1', livemode: false, type: 'publishable', expiresAt: null },
  pk_live_1: { keyId: 'key_3', merchantId: 'acct_1', livemode: true, type: 'publishable', expiresAt: null },
};

type GuardedRequest = Request & { caller?: unknown; apiKeyType?: string; tokenScopes?: string[] };

/** A strategy standing in for a real one: records that the guard chose it, then answers as told. */
function standIn(name: string, chosen: string[], answer: () => AuthenticatedCredential): RequestStrategy {
  return new RequestStrategy((_req, done) => {
    chosen.push(name);
    try {
      done(null, answer());
    } catch (error) {
      done(error);
    }
  });
}

function edge(token: () => AuthenticatedCredential = () => ({ scheme: 'access_token', caller: { merchantId: 'mch_t', livemode: true }, scopes: ['payments:write'], clientId: 'cli_1' })) {
  const chosen: string[] = [];
  const bus = new FakeBus();
  bus.replies[Patterns.AuthApiKeyVerify] = ({ key }) => {
    chosen.push('api-key');
    if (!KEYS[key]) throw new PayrailError('api_key_invalid', 'Invalid API Key provided.');
    return KEYS[key];
  };
  const signed = standIn('signed-request', chosen, () => ({ scheme: 'signed_request', caller: { merchantId: 'mch_s', livemode: false } }));
  const guard = new AuthenticationGuard(
    new Reflector(),
    signed as unknown as SignedRequestStrategy,
    standIn('access-token', chosen, token) as unknown as AccessTokenStrategy,
    new ApiKeyStrategy(bus.client as unknown as MessageClient),
  );
  return { guard, chosen };
}

function call<C extends Routes | ScopedRoutes>(routes: new () => C, handler: keyof C, headers: Record<string, string>) {
  const req = requestWithHeaders(headers) as GuardedRequest;
  const sent: Record<string, string> = {};
  const res = { setHeader: (name: string, value: string) => void (sent[name] = value) };
  const context = {
    getHandler: () => routes.prototype[handler],
    getClass: () => routes,
    switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
  } as unknown as ExecutionContext;
  return { req, sent, context };
}

describe('the authentication guard', () => {
  describe('choosing a Passport strategy by the request\'s shape', () => {
    it.each([
      ['signature headers', SIGNATURE_HEADERS, 'signed-request'],
      ['signature headers beside a JWT bearer (the signature wins)', { ...SIGNATURE_HEADERS, authorization: `Bearer ${JWT}` }, 'signed-request'],
      ['a JWT-shaped bearer value', { authorization: `Bearer ${JWT}` }, 'access-token'],
      ['a secret key as bearer', { authorization: 'Bearer sk_test_1' }, 'api-key'],
      ['a JWT sent as HTTP Basic', { authorization: `Basic ${Buffer.from(`${JWT}:`).toString('base64')}` }, 'api-key'],
      ['an X-API-Key header', { 'x-api-key': 'sk_test_1' }, 'api-key'],
    ])('%s', async (_name, headers, strategy) => {
      const { guard, chosen } = edge();
      const { context } = call(Routes, 'createIntent', headers);
      await guard.canActivate(context).catch(() => undefined);
      expect(chosen).toEqual([strategy]);
    });

    it('refuses a request without credentials as the API key strategy does, asking nobody', async () => {
      const { guard, chosen } = edge();
      const { req, context } = call(Routes, 'secretOnly', {});
      await expect(guard.canActivate(context)).rejects.toMatchObject({ code: 'authentication_required', status: 401 });
      expect(chosen).toEqual([]);
      expect(req.caller).toBeUndefined();
    });

    it('lets anyone through to a public route without consulting any strategy', async () => {
      const { guard, chosen } = edge();
      const { req, context } = call(Routes, 'health', { authorization: 'Bearer sk_test_unknown' });
      await expect(guard.canActivate(context)).resolves.toBe(true);
      expect(chosen).toEqual([]);
      expect(req.caller).toBeUndefined();
    });
  });

  describe('API keys and the publishable-key policy', () => {
    it('refuses a publishable key on a route that does not allow one, setting nothing', async () => {
      const { req, context } = call(Routes, 'secretOnly', { authorization: 'Bearer pk_test_1' });
      await expect(edge().guard.canActivate(context)).rejects.toMatchObject({
        code: 'permission_denied',
        status: 403,
        message: 'This API call cannot be made with a publishable API key. Please use a secret API key.',
      });
      expect(req.caller).toBeUndefined();
    });

    it('lets a publishable key through where allowed and says which kind of key called', async () => {
      const { req, context } = call(Routes, 'clientSide', { authorization: 'Bearer pk_test_1' });
      await expect(edge().guard.canActivate(context)).resolves.toBe(true);
      expect(req).toMatchObject({ caller: { merchantId: 'acct_1', livemode: false }, apiKeyType: 'publishable' });
    });

    it('scopes a live publishable key to live mode, so it reaches live objects only', async () => {
      const { req, context } = call(Routes, 'clientSide', { authorization: 'Bearer pk_live_1' });
      await edge().guard.canActivate(context);
      expect(req.caller).toEqual({ merchantId: 'acct_1', livemode: true });
    });

    it('lets a secret key through everywhere, unscoped', async () => {
      for (const handler of ['secretOnly', 'clientSide', 'createIntent'] as const) {
        const { req, context } = call(Routes, handler, { authorization: 'Bearer sk_test_1' });
        await expect(edge().guard.canActivate(context)).resolves.toBe(true);
        expect(req.apiKeyType).toBe('secret');
      }
    });

    it('passes the auth service\'s refusal of an unknown key through', async () => {
      const { context } = call(Routes, 'secretOnly', { authorization: 'Bearer sk_test_unknown' });
      await expect(edge().guard.canActivate(context)).rejects.toMatchObject({ code: 'api_key_invalid', status: 401 });
    });
  });

  describe("the operator's scope", () => {
    it.each([
      ['a secret key', { authorization: 'Bearer sk_test_1' }],
      ['a signed request', SIGNATURE_HEADERS],
    ])('refuses %s, which is the merchant\'s own credential, on a route needing pricing:manage', async (_name, headers) => {
      const { req, context } = call(Routes, 'setPrices', headers);
      await expect(edge().guard.canActivate(context)).rejects.toMatchObject({ code: 'permission_denied', status: 403, message: expect.stringContaining('pricing:manage') });
      expect(req.caller).toBeUndefined();
    });

    it('lets an access token carrying pricing:manage through, and refuses one without it', async () => {
      const operator = edge(() => ({ scheme: 'access_token', caller: { merchantId: 'mch_t', livemode: false }, scopes: ['pricing:manage'], clientId: 'cli_op' }));
      const allowed = call(Routes, 'setPrices', { authorization: `Bearer ${JWT}` });
      await expect(operator.guard.canActivate(allowed.context)).resolves.toBe(true);
      expect(allowed.req.caller).toEqual({ merchantId: 'mch_t', livemode: false });
      const refused = call(Routes, 'setPrices', { authorization: `Bearer ${JWT}` });
      await expect(edge().guard.canActivate(refused.context)).rejects.toMatchObject({ code: 'insufficient_scope', status: 403 });
    });
  });

  describe('access tokens and the route\'s scope', () => {
    it('lets a token with the route\'s scope act for its merchant and mode, as a secret key would', async () => {
      const { req, context } = call(Routes, 'createIntent', { authorization: `Bearer ${JWT}` });
      await expect(edge().guard.canActivate(context)).resolves.toBe(true);
      expect(req).toMatchObject({ caller: { merchantId: 'mch_t', livemode: true }, apiKeyType: 'secret', tokenScopes: ['payments:write'] });
    });

    it('refuses a token without the route\'s scope with insufficient_scope and a Bearer challenge', async () => {
      const { guard } = edge(() => ({ scheme: 'access_token', caller: { merchantId: 'mch_t', livemode: true }, scopes: ['payments:read'], clientId: 'cli_1' }));
      const { req, sent, context } = call(Routes, 'createIntent', { authorization: `Bearer ${JWT}` });
      await expect(guard.canActivate(context)).rejects.toMatchObject({
        code: 'insufficient_scope',
        status: 403,
        message: 'The access token does not have the scope this request needs: payments:write.',
      });
      expect(sent['WWW-Authenticate']).toBe('Bearer realm="payrail", error="insufficient_scope", scope="payments:write"');
      expect(req.caller).toBeUndefined();
    });

    it('refuses a token on a route that declares no scope', async () => {
      const { sent, context } = call(Routes, 'clientSide', { authorization: `Bearer ${JWT}` });
      await expect(edge().guard.canActivate(context)).rejects.toMatchObject({
        code: 'insufficient_scope',
        message: 'This request cannot be made with an OAuth access token. Use a secret API key.',
      });
      expect(sent['WWW-Authenticate']).toBe('Bearer realm="payrail", error="insufficient_scope"');
    });

    it('takes the scope a controller declares on a method that only adds the publishable-key allowance', async () => {
      const { guard } = edge(() => ({ scheme: 'access_token', caller: { merchantId: 'mch_t', livemode: true }, scopes: ['payments:read'], clientId: 'cli_1' }));
      const { req, context } = call(ScopedRoutes, 'retrieve', { authorization: `Bearer ${JWT}` });
      await expect(guard.canActivate(context)).resolves.toBe(true);
      expect(req.tokenScopes).toEqual(['payments:read']);
    });

    it('adds an invalid_token challenge describing a refused token', async () => {
      const { guard } = edge(() => {
        throw new PayrailError('access_token_invalid', 'The access token has expired.');
      });
      const { sent, context } = call(Routes, 'createIntent', { authorization: `Bearer ${JWT}` });
      await expect(guard.canActivate(context)).rejects.toMatchObject({ code: 'access_token_invalid', status: 401 });
      expect(sent['WWW-Authenticate']).toBe('Bearer realm="payrail", error="invalid_token", error_description="The access token has expired."');
    });

    it('sends no token challenge when tokens cannot be judged right now (deny list stale)', async () => {
      const { guard } = edge(() => {
        throw new PayrailError('service_unavailable', 'Token revocation status is unavailable.');
      });
      const { sent, context } = call(Routes, 'createIntent', { authorization: `Bearer ${JWT}` });
      await expect(guard.canActivate(context)).rejects.toMatchObject({ code: 'service_unavailable', status: 503 });
      expect(sent).toEqual({});
    });
  });

  it('treats a signed request as the signing key\'s merchant with a secret key\'s access', async () => {
    const { req, context } = call(Routes, 'secretOnly', SIGNATURE_HEADERS);
    await expect(edge().guard.canActivate(context)).resolves.toBe(true);
    expect(req).toMatchObject({ caller: { merchantId: 'mch_s', livemode: false }, apiKeyType: 'secret' });
  });
});
