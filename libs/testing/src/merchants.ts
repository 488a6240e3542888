import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { MerchantCredentials } from '@payrail/contracts';
import { builtEntry } from './processes.js';

export type { MerchantCredentials };

const run = promisify(execFile);

/** A new merchant through the bootstrap command, as an operator would create one. */
export async function createMerchant(name: string, options: { live?: boolean } = {}): Promise<MerchantCredentials> {
  const env = JSON.parse(process.env.PAYRAIL_TEST_ENV ?? '{}') as NodeJS.ProcessEnv;
  const args = ['--name', name, ...(options.live ? ['--live'] : [])];
  const { stdout } = await run(process.execPath, [builtEntry('auth', 'bootstrap-cli.js'), ...args], {
    env: { ...process.env, ...env, DATABASE_URL: process.env.PAYRAIL_TEST_DATABASE_URL },
  });
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
export async function createOperatorClient(merchantId: string): Promise<OperatorClientCredentials> {
  const env = JSON.parse(process.env.PAYRAIL_TEST_ENV ?? '{}') as NodeJS.ProcessEnv;
  const { stdout } = await run(process.execPath, [builtEntry('auth', 'operator-client-cli.js'), '--merchant', merchantId], {
    env: { ...process.env, ...env, DATABASE_URL: process.env.PAYRAIL_TEST_DATABASE_URL },
  });
  return JSON.parse(stdout) as OperatorClientCredentials;
}
