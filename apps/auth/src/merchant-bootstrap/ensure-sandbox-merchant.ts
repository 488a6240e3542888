import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DataSource } from 'typeorm';
import { findVerifiedApiKey } from '../api-keys/api-key-verification.js';
import { ApiKeysRepository } from '../api-keys/api-keys.repository.js';
import { bootstrapMerchant } from './bootstrap-merchant.js';
import { CREDENTIAL_FIELDS, type SandboxCredentials } from './merchant-credentials.js';

export const SANDBOX_MERCHANT_NAME = 'Sandbox';

export interface EnsureSandboxMerchantOptions {
  dataSource: DataSource;
  pepper: string;
  secretsKey: string;
  /** JSON, mode 0600: the only place the sandbox's plaintext credentials are kept. */
  credentialsFile: string;
}

/**
 * The local platform's ready-made merchant: the one in `credentialsFile` while its secret key still
 * works against this database, otherwise a new "Sandbox" merchant written there (a wiped database or
 * a changed pepper leaves a stale file behind; it is replaced, not trusted).
 */
export async function ensureSandboxMerchant(options: EnsureSandboxMerchantOptions): Promise<SandboxCredentials> {
  const stored = await readCredentials(options.credentialsFile);
  if (stored) {
    const verified = await findVerifiedApiKey(new ApiKeysRepository(options.dataSource), options.pepper, stored.secret_key);
    if (verified && verified.type === 'secret' && verified.merchantId === stored.merchant_id) return stored;
  }
  const credentials = await bootstrapMerchant(options.dataSource, options.pepper, options.secretsKey, { name: SANDBOX_MERCHANT_NAME });
  await writeCredentials(options.credentialsFile, credentials);
  return credentials;
}

async function readCredentials(file: string): Promise<SandboxCredentials | null> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return null;
  }
  return isSandboxCredentials(parsed) ? parsed : null;
}

function isSandboxCredentials(value: unknown): value is SandboxCredentials {
  if (typeof value !== 'object' || value === null) return false;
  return CREDENTIAL_FIELDS.every((field) => typeof (value as Record<string, unknown>)[field] === 'string');
}

/** Written aside then renamed, so the file is never seen half-written nor, for a moment, world-readable. */
async function writeCredentials(file: string, credentials: SandboxCredentials): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, file);
}
