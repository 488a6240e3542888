import { parseArgs } from 'node:util';
import { OperatorScopes } from '@payrail/contracts';
import { Secret, validateConfig } from '@payrail/messaging';
import { openDataSource } from '@payrail/persistence';
import { IsNotEmpty, IsString, MinLength } from 'class-validator';
import { authDatabaseOptions } from '../auth.database.js';
import { issueOAuthClient } from './oauth-client-issuer.js';
import { OAuthClientEntity } from './oauth-client.entity.js';

/** Only what it uses: the auth database and the pepper that hashes the client secret. */
class OperatorClientCommandConfig {
  @IsString() @IsNotEmpty() DATABASE_URL!: string;
  @Secret() @IsString() @MinLength(32) PAYRAIL_API_KEY_PEPPER!: string;
}

export const OPERATOR_CLIENT_USAGE = 'usage: operator-client-cli --merchant acct_… [--live] [--name "Pricing desk"]';

/** Printed once: the secret is stored only as its keyed hash. */
export interface OperatorClientCredentials {
  merchant_id: string;
  client_id: string;
  client_secret: string;
  scopes: string[];
  livemode: boolean;
}

/**
 * `operator-client-cli --merchant acct_…`: an OAuth client through which the platform operator acts on one
 * merchant with the operator's scopes (`pricing:manage`: setting what the merchant pays). It is the only way
 * to a token carrying them: the merchant's own clients cannot ask for them, and the merchant cannot list,
 * roll or revoke this one. It needs the auth database and the deployment's key pepper, i.e. the operator.
 */
export async function runOperatorClientCommand(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<OperatorClientCredentials> {
  let values: { merchant?: string; live?: boolean; name?: string };
  try {
    ({ values } = parseArgs({ args: [...argv], options: { merchant: { type: 'string' }, live: { type: 'boolean' }, name: { type: 'string' } }, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${OPERATOR_CLIENT_USAGE}`, { cause: error });
  }
  const merchantId = values.merchant?.trim();
  if (!merchantId) throw new Error(`--merchant is required\n${OPERATOR_CLIENT_USAGE}`);
  const config = validateConfig(OperatorClientCommandConfig, env);
  const dataSource = await openDataSource({ ...authDatabaseOptions(config.DATABASE_URL), poolSize: 2 });
  try {
    const [merchant] = (await dataSource.query(`SELECT "id" FROM "auth"."merchants" WHERE "id" = $1`, [merchantId])) as Array<{ id: string }>;
    if (!merchant) throw new Error(`No merchant ${merchantId}.`);
    const livemode = values.live ?? false;
    const { entity, clientSecret } = issueOAuthClient({
      pepper: config.PAYRAIL_API_KEY_PEPPER,
      merchantId,
      name: values.name?.trim() || 'Platform operator',
      scopes: [...OperatorScopes],
      livemode,
      now: new Date(),
    });
    await dataSource.manager.insert(OAuthClientEntity, entity);
    return { merchant_id: merchantId, client_id: entity.id, client_secret: clientSecret, scopes: entity.scopes, livemode };
  } finally {
    await dataSource.destroy();
  }
}
