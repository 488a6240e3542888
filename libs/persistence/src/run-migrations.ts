import type { DataSource } from 'typeorm';

/**
 * Replicas of one service may start together: a session-level advisory lock lets one of them migrate
 * while the others wait, then find nothing left to do.
 */
export async function runMigrationsLocked(dataSource: DataSource, schema: string): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`payrail.migrations.${schema}`]);
    try {
      await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`payrail.migrations.${schema}`]);
    }
  } finally {
    await runner.release();
  }
}
