import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startEmbeddedPostgres } from '@payrail/persistence';

export interface TestDatabase {
  url: string;
  /** Stops the embedded server, or drops the database made for this spec. */
  stop(): Promise<void>;
}

/**
 * A database of a spec's own: embedded Postgres by default, or, when DATABASE_URL names a real server,
 * a fresh database on it. Specs run beside the e2e platform, whose services poll the same schemas;
 * sharing DATABASE_URL itself would let them act on the spec's rows.
 */
export async function openTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return startEmbeddedPostgres();
  return openFreshDatabase(serverUrl, 'payrail_spec');
}

/** A new, empty database on the server `serverUrl` names, called `<prefix>_<random>`. */
export async function openFreshDatabase(serverUrl: string, prefix: string): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    stop: () => onServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
