// Starts the platform under test once for every e2e spec, from the build that `npm test` made first:
// the all-in-one process on the embedded runtime, or a process per service when DATABASE_URL and
// KAFKA_BROKERS point at real Postgres and Kafka. Either way with two edge replicas, for the specs that
// check what replicas must share (request nonces, revocations).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startAllInOne, startServiceProcesses } from '../dist/libs/testing/src/index.js';

export default async function globalSetup() {
  process.env.TZ = 'UTC';
  const { DATABASE_URL, KAFKA_BROKERS } = process.env;
  let platform;
  let credentials;
  if (DATABASE_URL && KAFKA_BROKERS) {
    platform = await startServiceProcesses(DATABASE_URL, KAFKA_BROKERS, { edgeReplicas: 2 });
    credentials = null;
  } else {
    platform = await startAllInOne('platform-embedded', { DATABASE_URL: '', KAFKA_BROKERS: '' }, { edgeReplicas: 2 });
    credentials = JSON.parse(await readFile(join(platform.dataDir, 'sandbox-credentials.json'), 'utf8'));
  }
  globalThis.__PAYRAIL_PLATFORM__ = platform;
  const secrets = Object.fromEntries(
    Object.entries(platform.env).filter(([name]) => name.startsWith('PAYRAIL_')),
  );
  process.env.PAYRAIL_TEST_MODE = platform.mode;
  process.env.PAYRAIL_TEST_BASE_URL = platform.baseUrl;
  process.env.PAYRAIL_TEST_EDGE_URLS = JSON.stringify(platform.edgeUrls);
  process.env.PAYRAIL_TEST_DATABASE_URL = platform.databaseUrl;
  process.env.PAYRAIL_TEST_ENV = JSON.stringify(secrets);
  if (!credentials) {
    const { createMerchant } = await import('../dist/libs/testing/src/index.js');
    credentials = await createMerchant('Sandbox');
  }
  process.env.PAYRAIL_TEST_CREDENTIALS = JSON.stringify(credentials);
  console.log(`\n[payrail] ${platform.mode} platform healthy at ${platform.baseUrl} after ${platform.startupMs} ms\n`);
}
