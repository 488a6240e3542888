import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Payrail, type PayrailOptions } from '../src/index.js';

/** The sandbox credentials a started platform writes to its data folder. */
export interface SandboxCredentials {
  merchant_id: string;
  secret_key: string;
  publishable_key: string;
  client_id: string;
  client_secret: string;
  signing_key: string;
  signing_secret: string;
}

function dataDir(): string {
  const dir = process.env.PAYRAIL_SDK_TEST_DATA_DIR;
  if (!dir) throw new Error('PAYRAIL_SDK_TEST_DATA_DIR must name a running platform\'s PAYRAIL_DATA_DIR (see .ci/sdk-typescript.sh)');
  return dir;
}

export const baseUrl: string = (JSON.parse(readFileSync(join(dataDir(), 'runtime.json'), 'utf8')) as { url: string }).url;
export const credentials: SandboxCredentials = JSON.parse(readFileSync(join(dataDir(), 'sandbox-credentials.json'), 'utf8')) as SandboxCredentials;

/** A client with the sandbox secret key, short backoffs so that a test stays within seconds. */
export function secretKeyClient(extra: Partial<PayrailOptions> = {}): Payrail {
  return new Payrail({ baseUrl, apiKey: credentials.secret_key, retries: { initialDelayMs: 100, maxDelayMs: 5000 }, ...extra });
}

/** Waits for a condition (events and deliveries are asynchronous), up to `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Gave up after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
