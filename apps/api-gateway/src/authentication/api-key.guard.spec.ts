import { Controller, Get, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { VerifiedApiKey } from '@payrail/contracts';
import type { MessageClient } from '@payrail/messaging';
import { AllowPublishableKey } from './allow-publishable-key.decorator.js';
import { ApiKeyGuard } from './api-key.guard.js';
import type { SignedRequestAuthenticator } from '../request-signing/signed-request.authenticator.js';
import type { AccessTokenVerifier } from '../oauth/access-token.verifier.js';

@Controller()
class Routes {
  @Get() secretOnly() {}
  @Get() @AllowPublishableKey() clientSide() {}
}

function contextFor(handler: keyof Routes, req: Record<string, unknown>): ExecutionContext {
  return {
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => req }),
  } as unknown as ExecutionContext;
}

function requestWith(key: string) {
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  return { header: (name: string) => headers[name.toLowerCase()] } as Record<string, unknown>;
}

function guardVerifying(type: VerifiedApiKey['type'], livemode = false): ApiKeyGuard {
  const client = { send: async () => ({ keyId: 'key_1', merchantId: 'acct_1', livemode, type }) } as unknown as MessageClient;
  return new ApiKeyGuard(new Reflector(), client, {} as SignedRequestAuthenticator, {} as AccessTokenVerifier);
}

describe('the API key guard and publishable keys', () => {
  it('refuses a publishable key on a route that does not allow one', async () => {
    const req = requestWith('pk_test_1');
    await expect(guardVerifying('publishable').canActivate(contextFor('secretOnly', req))).rejects.toMatchObject({
      code: 'permission_denied',
      message: 'This API call cannot be made with a publishable API key. Please use a secret API key.',
    });
    expect(req.caller).toBeUndefined();
  });

  it('lets a publishable key through where allowed and says which kind of key called', async () => {
    const req = requestWith('pk_test_1');
    await expect(guardVerifying('publishable').canActivate(contextFor('clientSide', req))).resolves.toBe(true);
    expect(req).toMatchObject({ caller: { merchantId: 'acct_1', livemode: false }, apiKeyType: 'publishable' });
  });

  it('scopes a live publishable key to live mode, so it reaches live objects only', async () => {
    const req = requestWith('pk_live_1');
    await guardVerifying('publishable', true).canActivate(contextFor('clientSide', req));
    expect(req.caller).toEqual({ merchantId: 'acct_1', livemode: true });
  });

  it('lets a secret key through everywhere', async () => {
    for (const handler of ['secretOnly', 'clientSide'] as const) {
      const req = requestWith('sk_test_1');
      await expect(guardVerifying('secret').canActivate(contextFor(handler, req))).resolves.toBe(true);
      expect(req.apiKeyType).toBe('secret');
    }
  });
});
