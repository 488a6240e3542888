import { existsSync } from 'node:fs';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateSecret } from '@payrail/signing';

/** The keys a deployment must be given; a local platform makes them once and keeps them in its data dir. */
const DEPLOYMENT_SECRETS = ['PAYRAIL_API_KEY_PEPPER', 'PAYRAIL_SECRETS_KEY', 'PAYRAIL_CARD_FINGERPRINT_KEY'] as const;

export async function ensureLocalSecrets(dataDir: string, env: NodeJS.ProcessEnv): Promise<void> {
  const file = join(dataDir, 'secrets.json');
  const stored: Record<string, string> = existsSync(file) ? JSON.parse(await readFile(file, 'utf8')) : {};
  let changed = false;
  for (const name of DEPLOYMENT_SECRETS) {
    if (env[name]) continue;
    if (!stored[name]) {
      stored[name] = generateSecret('', 32);
      changed = true;
    }
    env[name] = stored[name];
  }
  // The mode given to writeFile applies only to a new file.
  if (changed) await writeFile(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  if (existsSync(file)) await chmod(file, 0o600);
}
