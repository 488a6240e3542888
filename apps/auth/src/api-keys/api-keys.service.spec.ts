import { PayrailError } from '@payrail/errors';
import { hashSecret } from '@payrail/signing';
import type { AuthConfig } from '../config/auth.config.js';
import { ApiKeyEntity } from './api-key.entity.js';
import type { ApiKeysRepository } from './api-keys.repository.js';
import { ApiKeysService } from './api-keys.service.js';

const PEPPER = 'pepper-for-unit-tests-0123456789abcdef';
const KEY = 'sk_test_51UnitTestKeyBodyThatIsLongEnoughWXYZ';

class FakeApiKeysRepository implements Pick<ApiKeysRepository, 'findActiveByHash'> {
  readonly lookedUp: string[] = [];
  constructor(private readonly rows: ApiKeyEntity[]) {}

  async findActiveByHash(keyHash: string): Promise<ApiKeyEntity | null> {
    this.lookedUp.push(keyHash);
    return this.rows.find((row) => row.keyHash === keyHash) ?? null;
  }
}

function serviceWith(rows: ApiKeyEntity[]): { service: ApiKeysService; repository: FakeApiKeysRepository } {
  const repository = new FakeApiKeysRepository(rows);
  const config = { PAYRAIL_API_KEY_PEPPER: PEPPER, PAYRAIL_SECRETS_KEY: 'unused' } as AuthConfig;
  return { service: new ApiKeysService(repository as unknown as ApiKeysRepository, config), repository };
}

async function rejectionOf(promise: Promise<unknown>): Promise<PayrailError> {
  const error = await promise.then(() => undefined, (reason: unknown) => reason);
  expect(error).toBeInstanceOf(PayrailError);
  return error as PayrailError;
}

describe('ApiKeysService.verify', () => {
  const row = Object.assign(new ApiKeyEntity(), {
    id: 'key_1',
    merchantId: 'mch_1',
    livemode: false,
    type: 'secret',
    keyHash: hashSecret(PEPPER, KEY),
  });

  it('finds the key by its keyed hash and says whose it is', async () => {
    const { service, repository } = serviceWith([row]);
    await expect(service.verify(KEY)).resolves.toEqual({ keyId: 'key_1', merchantId: 'mch_1', livemode: false, type: 'secret' });
    expect(repository.lookedUp).toEqual([hashSecret(PEPPER, KEY)]);
    expect(repository.lookedUp[0]).not.toContain(KEY);
  });

  it('refuses an unknown key with api_key_invalid, showing only its prefix and last four', async () => {
    const unknown = 'sk_test_ThisIsNotARealKeyButLooksLikeOneabcd';
    const error = await rejectionOf(serviceWith([row]).service.verify(unknown));
    expect(error.code).toBe('api_key_invalid');
    expect(error.message).toBe('Invalid API Key provided: sk_test_****abcd');
    expect(error.message).not.toContain('ThisIsNotARealKey');
  });

  it('refuses an absurdly long key without looking it up', async () => {
    const { service, repository } = serviceWith([row]);
    const error = await rejectionOf(service.verify(`sk_test_${'A'.repeat(5000)}`));
    expect(error.code).toBe('api_key_invalid');
    expect(error.message).toBe('Invalid API Key provided: sk_test_****AAAA');
    expect(repository.lookedUp).toEqual([]);
  });
});
