import { parseArgs } from 'node:util';
import { validateConfig } from '@payrail/messaging';
import { openDataSource } from '@payrail/persistence';
import { IsNotEmpty, IsString } from 'class-validator';
import { authDatabaseOptions } from '../auth.database.js';
import { OAuthConfig } from '../oauth/oauth.config.js';
import { resumeMerchant, suspendMerchant, type MerchantStatusChange } from './merchant-suspension.js';

class MerchantStatusCommandConfig {
  @IsString() @IsNotEmpty() DATABASE_URL!: string;
}

export const MERCHANT_STATUS_USAGE = 'usage: merchant-status-cli suspend --merchant acct_… [--reason "why"] | resume --merchant acct_…';

/** `merchant-status-cli suspend|resume --merchant acct_…`: an operator's switch for a merchant's access. */
export async function runMerchantStatusCommand(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<MerchantStatusChange> {
  let parsed: { values: { merchant?: string; reason?: string }; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options: { merchant: { type: 'string' }, reason: { type: 'string' } }, strict: true, allowPositionals: true });
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${MERCHANT_STATUS_USAGE}`, { cause: error });
  }
  const [action, ...extra] = parsed.positionals;
  const merchant = parsed.values.merchant?.trim();
  if ((action !== 'suspend' && action !== 'resume') || extra.length > 0 || !merchant) throw new Error(MERCHANT_STATUS_USAGE);
  const config = validateConfig(MerchantStatusCommandConfig, env);
  const dataSource = await openDataSource({ ...authDatabaseOptions(config.DATABASE_URL), poolSize: 2 });
  try {
    if (action === 'resume') return await resumeMerchant(dataSource, merchant);
    return await suspendMerchant(dataSource, merchant, parsed.values.reason?.trim() || null, OAuthConfig.fromEnv(env).accessTokenLifetimeSeconds);
  } finally {
    await dataSource.destroy();
  }
}
