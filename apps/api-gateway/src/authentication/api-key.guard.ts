import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Patterns } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { MessageClient } from '@payrail/messaging';
import type { Request } from 'express';
import { ApiKeyCache } from './api-key-cache.js';
import { extractApiKey } from './api-key-extractor.js';
import { ALLOWS_PUBLISHABLE_KEY } from './allow-publishable-key.decorator.js';
import type { AuthenticatedRequest } from './current-caller.decorator.js';
import type { KeyTypedRequest } from './current-key-type.decorator.js';
import { IS_PUBLIC } from './public.decorator.js';
import { SignedRequestAuthenticator } from '../request-signing/signed-request.authenticator.js';
import { isSignedRequest } from '../request-signing/signed-request-headers.js';
import { authenticateAccessToken, bearerAccessToken } from '../oauth/access-token-authentication.js';
import { AccessTokenVerifier } from '../oauth/access-token.verifier.js';

@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly cache = new ApiKeyCache();

  constructor(
    private readonly reflector: Reflector,
    private readonly client: MessageClient,
    private readonly signedRequests: SignedRequestAuthenticator,
    private readonly accessTokens: AccessTokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const req = context.switchToHttp().getRequest<Request & AuthenticatedRequest & KeyTypedRequest>();
    if (isSignedRequest((name) => req.header(name))) {
      // HMAC-signed: the signing key stands for the merchant's server, with a secret key's access.
      req.caller = await this.signedRequests.authenticate(req);
      req.apiKeyType = 'secret';
      return true;
    }
    const accessToken = bearerAccessToken(req);
    if (accessToken) {
      // An OAuth access token (a JWT, which no API key looks like): scoped by the route's @RequiresScope.
      await authenticateAccessToken(context, accessToken, this.accessTokens, this.reflector);
      return true;
    }
    const apiKey = extractApiKey(req);
    if (!apiKey) {
      throw new PayrailError(
        'authentication_required',
        'You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. \'Authorization: Bearer YOUR_SECRET_KEY\').',
      );
    }
    const verified = this.cache.get(apiKey) ?? (await this.client.send(Patterns.AuthApiKeyVerify, { key: apiKey }));
    this.cache.set(apiKey, verified);
    if (verified.type !== 'secret' && !this.allowsPublishableKey(context)) {
      throw new PayrailError('permission_denied', 'This API call cannot be made with a publishable API key. Please use a secret API key.');
    }
    req.caller = { merchantId: verified.merchantId, livemode: verified.livemode };
    req.apiKeyType = verified.type;
    return true;
  }

  private allowsPublishableKey(context: ExecutionContext): boolean {
    return this.reflector.getAllAndOverride<boolean>(ALLOWS_PUBLISHABLE_KEY, [context.getHandler(), context.getClass()]) === true;
  }
}
