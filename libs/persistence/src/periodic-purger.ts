import type { DataSource } from 'typeorm';
import { PeriodicTask } from './periodic-task.js';

const BATCH_SIZE = 1000;

/**
 * Deletes expired rows in batches, now and then on an interval. For rows that are already ignored once
 * expired (idempotency keys, nonces): the purge is housekeeping only, so every replica may run it and
 * overlapping passes are harmless.
 */
export abstract class PeriodicPurger extends PeriodicTask {
  protected constructor(
    private readonly what: string,
    intervalMs: number,
  ) {
    super(`Purger(${what})`, intervalMs);
  }

  /** Deletes up to `limit` expired rows; returns how many went. */
  protected abstract purgeBatch(limit: number): Promise<number>;

  protected runOnce(): Promise<number> {
    return this.purge();
  }

  /** Purges everything expired by now; returns how many rows went. */
  async purge(): Promise<number> {
    let purged = 0;
    try {
      while (!this.stopped) {
        const deleted = await this.purgeBatch(BATCH_SIZE);
        purged += deleted;
        if (deleted < BATCH_SIZE) break;
      }
    } catch (error) {
      this.logger.warn(`Purging expired ${this.what} failed: ${(error as Error).message}`);
    }
    return purged;
  }
}

/**
 * Runs one `DELETE` statement (without RETURNING) and answers how many rows it deleted: TypeORM's `query()`
 * answers a raw DELETE with `[rows, count]`, whose length is no count at all.
 */
export async function deleteCounted(dataSource: Pick<DataSource, 'query'>, deleteSql: string, parameters: unknown[]): Promise<number> {
  const [row] = (await dataSource.query(`WITH "deleted" AS (${deleteSql} RETURNING 1) SELECT count(*)::int AS "count" FROM "deleted"`, parameters)) as Array<{ count: number }>;
  return row.count;
}
