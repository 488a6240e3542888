// Starts the platform under test once for every e2e spec, from the build that `npm test` made first:
// the all-in-one process on the embedded runtime, or six service processes when DATABASE_URL and
// KAFKA_BROKERS point at real Postgres and Kafka.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startAllInOne, startSixProcesses } from '../dist/libs/testing/src/index.js';

export default async function globalSetup() {
  process.env.TZ = 'UTC';
  const { DATABASE_URL, KAFKA_BROKERS } = process.env;
  let platform;
  let credentials;
  if (DATABASE_URL && KAFKA_BROKERS) {
    platform = await startSixProcesses(DATABASE_URL, KAFKA_BROKERS);
    credentials = null;
  } else {
    platform = await startAllInOne('platform-embedded', { DATABASE_URL: '', KAFKA_BROKERS: '' });
    credentials = JSON.parse(await readFile(join(platform.dataDir, 'sandbox-credentials.json'), 'utf8'));
  }
  globalThis.__PAYRAIL_PLATFORM__ = platform;
  const secrets = Object.fromEntries(
    Object.entries(platform.env).filter(([name]) => name.startsWith('PAYRAIL_')),
  );
  process.env.PAYRAIL_TEST_MODE = platform.mode;
  process.env.PAYRAIL_TEST_BASE_URL = platform.baseUrl;
  process.env.PAYRAIL_TEST_DATABASE_URL = platform.databaseUrl;
  process.env.PAYRAIL_TEST_ENV = JSON.stringify(secrets);
  if (!credentials) {
    const { createMerchant } = await import('../dist/libs/testing/src/index.js');
    credentials = await createMerchant('Sandbox');
  }
  process.env.PAYRAIL_TEST_CREDENTIALS = JSON.stringify(credentials);
  console.log(`\n[payrail] ${platform.mode} platform healthy at ${platform.baseUrl} after ${platform.startupMs} ms\n`);
}
