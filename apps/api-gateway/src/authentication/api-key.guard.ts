import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Patterns } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { MessageClient } from '@payrail/messaging';
import type { Request } from 'express';
import { ApiKeyCache } from './api-key-cache.js';
import { extractApiKey } from './api-key-extractor.js';
import type { AuthenticatedRequest } from './current-caller.decorator.js';
import { IS_PUBLIC } from './public.decorator.js';

@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly cache = new ApiKeyCache();

  constructor(private readonly reflector: Reflector, private readonly client: MessageClient) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const req = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const apiKey = extractApiKey(req);
    if (!apiKey) {
      throw new PayrailError(
        'authentication_required',
        'You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. \'Authorization: Bearer YOUR_SECRET_KEY\').',
      );
    }
    const verified = this.cache.get(apiKey) ?? (await this.client.send(Patterns.AuthApiKeyVerify, { key: apiKey }));
    this.cache.set(apiKey, verified);
    if (verified.type !== 'secret') {
      throw new PayrailError('permission_denied', 'This API call cannot be made with a publishable API key. Please use a secret API key.');
    }
    req.caller = { merchantId: verified.merchantId, livemode: verified.livemode };
    return true;
  }
}
