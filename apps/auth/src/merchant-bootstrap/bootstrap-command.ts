import { parseArgs } from 'node:util';
import { validateConfig } from '@payrail/messaging';
import { openDataSource } from '@payrail/persistence';
import { IsNotEmpty, IsString } from 'class-validator';
import { authDatabaseOptions } from '../auth.database.js';
import { AuthConfig } from '../config/auth.config.js';
import { bootstrapMerchant } from './bootstrap-merchant.js';
import type { MerchantCredentials } from './merchant-credentials.js';

class BootstrapCommandConfig extends AuthConfig {
  @IsString() @IsNotEmpty() DATABASE_URL!: string;
}

export const BOOTSTRAP_USAGE = 'usage: bootstrap-cli --name "Acme" [--username acme-owner] [--email owner@acme.test] [--live]';

/**
 * `bootstrap-cli --name "Acme"`: opens the auth schema (migrating it if needed), creates the merchant
 * and returns its credentials. The password is always generated: a password on the command line would
 * sit in the process list and shell history.
 */
export async function runBootstrapCommand(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<MerchantCredentials> {
  let values: { name?: string; username?: string; email?: string; live?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { name: { type: 'string' }, username: { type: 'string' }, email: { type: 'string' }, live: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${BOOTSTRAP_USAGE}`, { cause: error });
  }
  if (!values.name?.trim()) throw new Error(`--name is required\n${BOOTSTRAP_USAGE}`);
  const config = validateConfig(BootstrapCommandConfig, env);
  const dataSource = await openDataSource({ ...authDatabaseOptions(config.DATABASE_URL), poolSize: 2 });
  try {
    return await bootstrapMerchant(dataSource, config.PAYRAIL_API_KEY_PEPPER, config.PAYRAIL_SECRETS_KEY, {
      name: values.name,
      username: values.username,
      email: values.email,
      live: values.live ?? false,
    });
  } finally {
    await dataSource.destroy();
  }
}
