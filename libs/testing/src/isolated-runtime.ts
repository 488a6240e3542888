import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Settings for an all-in-one platform of a spec's own, beside the suite's: embedded, a data dir of its
 * own (DATABASE_URL and KAFKA_BROKERS blank); distributed, a new database on the suite's Postgres and a
 * Kafka namespace of its own, both named `<name>_<random>`.
 */
export async function isolatedRuntimeEnv(name: string): Promise<NodeJS.ProcessEnv> {
  // Part of a database name, unquoted: a hyphen would be a syntax error only on the distributed run.
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`isolatedRuntimeEnv: "${name}" must be lowercase letters, digits and underscores`);
  if (process.env.PAYRAIL_TEST_MODE !== 'distributed') return { DATABASE_URL: '', KAFKA_BROKERS: '' };
  const suffix = randomBytes(4).toString('hex');
  const admin = new pg.Client({ connectionString: process.env.PAYRAIL_TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE payrail_${name}_${suffix}`);
  await admin.end();
  const url = new URL(process.env.PAYRAIL_TEST_DATABASE_URL!);
  url.pathname = `/payrail_${name}_${suffix}`;
  return { DATABASE_URL: url.toString(), KAFKA_BROKERS: process.env.KAFKA_BROKERS, KAFKA_NAMESPACE: `${name}-${suffix}.` };
}
