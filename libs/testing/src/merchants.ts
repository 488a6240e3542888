import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { MerchantCredentials } from '@payrail/contracts';
import { builtEntry } from './processes.js';

export type { MerchantCredentials };

const run = promisify(execFile);

/** A platform a spec started itself (startAllInOne): its database and the environment (secrets) it runs with. */
export interface CommandTarget {
  databaseUrl: string;
  env: NodeJS.ProcessEnv;
}

/** The environment of an operator command: against `target`, or else the platform of the e2e global setup. */
function commandEnv(target: CommandTarget | undefined): NodeJS.ProcessEnv {
  if (target) return { ...process.env, ...target.env, DATABASE_URL: target.databaseUrl };
  const env = JSON.parse(process.env.PAYRAIL_TEST_ENV ?? '{}') as NodeJS.ProcessEnv;
  return { ...process.env, ...env, DATABASE_URL: process.env.PAYRAIL_TEST_DATABASE_URL };
}

/** A new merchant through the bootstrap command, as an operator would create one. */
export async function createMerchant(name: string, options: { live?: boolean; target?: CommandTarget } = {}): Promise<MerchantCredentials> {
  const args = ['--name', name, ...(options.live ? ['--live'] : [])];
  const { stdout } = await run(process.execPath, [builtEntry('auth', 'bootstrap-cli.js'), ...args], { env: commandEnv(options.target) });
  return JSON.parse(stdout) as MerchantCredentials;
}

/** The platform operator's credentials for one merchant (`pricing:manage`), through auth's operator-client command. */
export interface OperatorClientCredentials {
  merchant_id: string;
  client_id: string;
  client_secret: string;
  scopes: string[];
  livemode: boolean;
}

/** As an operator would run `npm run operator-client -- --merchant acct_…`. */
export async function createOperatorClient(merchantId: string, target?: CommandTarget): Promise<OperatorClientCredentials> {
  const { stdout } = await run(process.execPath, [builtEntry('auth', 'operator-client-cli.js'), '--merchant', merchantId], { env: commandEnv(target) });
  return JSON.parse(stdout) as OperatorClientCredentials;
}
