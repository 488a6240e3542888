import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Patterns } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { MessageClient } from '@payrail/messaging';
import type { Request } from 'express';
import { ApiKeyCache } from './api-key-cache.js';
import { extractApiKey } from './api-key-extractor.js';
import type { AuthenticatedCredential } from './authenticated-credential.js';
import { RequestStrategy } from './request-strategy.js';

export const API_KEY_STRATEGY = 'api-key';

/**
 * API keys (`sk_…`, `pk_…`), verified by the auth service and then remembered for a few seconds (see
 * ApiKeyCache), so that a busy key costs no bus round trip on most requests.
 */
@Injectable()
export class ApiKeyStrategy extends PassportStrategy(RequestStrategy, API_KEY_STRATEGY) {
  private readonly cache = new ApiKeyCache();

  constructor(private readonly client: MessageClient) {
    super();
  }

  async validate(req: Request): Promise<AuthenticatedCredential> {
    const apiKey = extractApiKey(req);
    if (!apiKey) {
      throw new PayrailError(
        'authentication_required',
        'You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. \'Authorization: Bearer YOUR_SECRET_KEY\').',
      );
    }
    const verified = this.cache.get(apiKey) ?? (await this.client.send(Patterns.AuthApiKeyVerify, { key: apiKey }));
    this.cache.set(apiKey, verified);
    return { scheme: 'api_key', caller: { merchantId: verified.merchantId, livemode: verified.livemode }, keyType: verified.type };
  }
}
