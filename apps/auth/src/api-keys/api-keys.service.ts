import { Injectable } from '@nestjs/common';
import type { VerifiedApiKey } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { AuthConfig } from '../config/auth.config.js';
import { redactApiKey } from './api-key-format.js';
import { findVerifiedApiKey } from './api-key-verification.js';
import { ApiKeysRepository } from './api-keys.repository.js';

@Injectable()
export class ApiKeysService {
  constructor(private readonly keys: ApiKeysRepository, private readonly config: AuthConfig) {}

  /** Who a key belongs to; unknown, revoked and expired keys are all the same `api_key_invalid`. */
  async verify(key: string): Promise<VerifiedApiKey> {
    const verified = await findVerifiedApiKey(this.keys, this.config.PAYRAIL_API_KEY_PEPPER, key);
    if (!verified) {
      throw new PayrailError('api_key_invalid', `Invalid API Key provided: ${redactApiKey(typeof key === 'string' ? key : '')}`);
    }
    return verified;
  }
}
