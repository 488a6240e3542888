import type { VerifiedApiKey } from '@payrail/contracts';
import { hashSecret } from '@payrail/signing';
import { MAX_API_KEY_LENGTH } from './api-key-format.js';
import { toVerifiedApiKey } from './api-key.mapper.js';
import type { ApiKeysRepository } from './api-keys.repository.js';

/** The active key this is, or null. Shared by the verify handler and the sandbox bootstrap. */
export async function findVerifiedApiKey(
  repository: Pick<ApiKeysRepository, 'findActiveByHash'>,
  pepper: string,
  key: unknown,
): Promise<VerifiedApiKey | null> {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_API_KEY_LENGTH) return null;
  const found = await repository.findActiveByHash(hashSecret(pepper, key));
  return found ? toVerifiedApiKey(found) : null;
}
