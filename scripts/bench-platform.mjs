// What every bench script needs: the platform under test (all-in-one, or six processes when DATABASE_URL
// and KAFKA_BROKERS are set), a merchant's Stripe client, and percentiles.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createMerchant, startAllInOne, startServiceProcesses, stopProcess, stripeClient } from '../dist/libs/testing/src/index.js';

const BENCH_RATE_LIMITS = ['payment_creation', 'mpesa_initiation', 'status_read', 'default', 'unauthenticated', 'failed_authentication']
  .map((name) => `${name}=100000000`)
  .join(',');

/**
 * `settings`: settings for every process of the platform (e.g. where the Stripe connector sends its calls).
 * `cpuProfileDir`: a V8 CPU profile of every Node process of the platform lands there when it stops.
 */
export async function startBenchPlatform(name, settings = {}, { cpuProfileDir } = {}) {
  // A bench measures throughput, one key far past the documented per-key limits: the buckets still run, refusing nothing.
  const extraEnv = { PAYRAIL_RATE_LIMITS: BENCH_RATE_LIMITS, ...settings };
  const distributed = Boolean(process.env.DATABASE_URL && process.env.KAFKA_BROKERS);
  const platform = distributed
    ? await startServiceProcesses(process.env.DATABASE_URL, process.env.KAFKA_BROKERS, { extraEnv, cpuProfileDir })
    : await startAllInOne(name, { ...extraEnv, DATABASE_URL: '', KAFKA_BROKERS: '' }, { cpuProfileDir });
  process.env.PAYRAIL_TEST_DATABASE_URL = platform.databaseUrl;
  process.env.PAYRAIL_TEST_ENV = JSON.stringify(Object.fromEntries(Object.entries(platform.env).filter(([k]) => k.startsWith('PAYRAIL_'))));
  const credentials = distributed
    ? await createMerchant('Bench')
    : JSON.parse(await readFile(join(platform.dataDir, 'sandbox-credentials.json'), 'utf8'));
  return {
    platform,
    secretKey: credentials.secret_key,
    stripe: stripeClient(credentials.secret_key, platform.baseUrl),
    stop: async () => {
      await Promise.all(platform.processes.map((child) => stopProcess(child)));
      await platform.dropDatabase?.();
    },
  };
}

export function percentile(list, p) {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
