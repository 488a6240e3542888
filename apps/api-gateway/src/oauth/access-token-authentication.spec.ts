import { Controller, Get, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PayrailError } from '@payrail/errors';
import { RequiresScope } from '../authentication/requires-scope.decorator.js';
import { authenticateAccessToken, bearerAccessToken } from './access-token-authentication.js';
import type { AccessTokenVerifier, VerifiedAccessToken } from './access-token.verifier.js';

@Controller()
class Routes {
  @Get() @RequiresScope('payments:write') createIntent() {}
  @Get() unscoped() {}
}

const TOKEN = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJjbGkifQ.c2ln';

function exchange(handler: keyof Routes, authorization = `Bearer ${TOKEN}`) {
  const headers: Record<string, string> = { authorization, host: 'pay.example.com' };
  const req: Record<string, unknown> = { header: (name: string) => headers[name.toLowerCase()], get: (name: string) => headers[name.toLowerCase()], protocol: 'https' };
  const sent: Record<string, string> = {};
  const res = { setHeader: (name: string, value: string) => void (sent[name] = value) };
  const context = {
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
  } as unknown as ExecutionContext;
  return { req, sent, context };
}

function verifierGranting(scopes: string[]): AccessTokenVerifier & { issuers: string[] } {
  const issuers: string[] = [];
  return {
    issuers,
    verify: async (_token: string, issuer: string): Promise<VerifiedAccessToken> => {
      issuers.push(issuer);
      return { caller: { merchantId: 'mch_1', livemode: true }, scopes, clientId: 'cli_1' };
    },
  } as AccessTokenVerifier & { issuers: string[] };
}

describe('access tokens at the edge', () => {
  const previousIssuer = process.env.PAYRAIL_OAUTH_ISSUER;
  const previousPublicUrl = process.env.PAYRAIL_PUBLIC_URL;
  beforeAll(() => {
    delete process.env.PAYRAIL_OAUTH_ISSUER;
    delete process.env.PAYRAIL_PUBLIC_URL;
  });
  afterAll(() => {
    if (previousIssuer !== undefined) process.env.PAYRAIL_OAUTH_ISSUER = previousIssuer;
    if (previousPublicUrl !== undefined) process.env.PAYRAIL_PUBLIC_URL = previousPublicUrl;
  });

  it('takes only JWT-shaped bearer values as access tokens', () => {
    expect(bearerAccessToken(exchange('unscoped').req as never)).toBe(TOKEN);
    expect(bearerAccessToken(exchange('unscoped', 'Bearer sk_test_abc').req as never)).toBeUndefined();
    expect(bearerAccessToken(exchange('unscoped', `Basic ${TOKEN}`).req as never)).toBeUndefined();
  });

  it('lets a token with the route\'s scope act for its merchant and mode, checked against this host as issuer', async () => {
    const { req, context } = exchange('createIntent');
    const verifier = verifierGranting(['payments:read', 'payments:write']);
    await authenticateAccessToken(context, TOKEN, verifier, new Reflector());
    expect(req).toMatchObject({ caller: { merchantId: 'mch_1', livemode: true }, apiKeyType: 'secret', tokenScopes: ['payments:read', 'payments:write'] });
    expect(verifier.issuers).toEqual(['https://pay.example.com']);
  });

  it('refuses a token without the route\'s scope with insufficient_scope and a Bearer challenge', async () => {
    const { req, sent, context } = exchange('createIntent');
    const error = await authenticateAccessToken(context, TOKEN, verifierGranting(['payments:read']), new Reflector()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PayrailError);
    expect(error).toMatchObject({ code: 'insufficient_scope', status: 403 });
    expect(sent['WWW-Authenticate']).toBe('Bearer realm="payrail", error="insufficient_scope", scope="payments:write"');
    expect(req.caller).toBeUndefined();
  });

  it('refuses a token on a route that declares no scope', async () => {
    const { context } = exchange('unscoped');
    await expect(authenticateAccessToken(context, TOKEN, verifierGranting(['payments:write']), new Reflector())).rejects.toMatchObject({
      code: 'insufficient_scope',
    });
  });

  it('adds an invalid_token challenge to a refused token', async () => {
    const { sent, context } = exchange('createIntent');
    const verifier = { verify: async () => Promise.reject(new PayrailError('access_token_invalid', 'The access token has expired.')) } as unknown as AccessTokenVerifier;
    await expect(authenticateAccessToken(context, TOKEN, verifier, new Reflector())).rejects.toMatchObject({ code: 'access_token_invalid', status: 401 });
    expect(sent['WWW-Authenticate']).toContain('error="invalid_token"');
  });
});
