import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../embedded-postgres.js';
import type { MaintainedTable } from './embedded-maintenance.js';

const TABLES = ['hot_a', 'hot_b', 'hot_c'];

interface TableStats {
  relname: string;
  n_live_tup: number;
  n_dead_tup: number;
  last_vacuum: Date | null;
  last_analyze: Date | null;
}

describe('embedded Postgres maintenance (the autovacuum PGlite lacks)', () => {
  let embedded: EmbeddedPostgres;
  let client: pg.Client;
  let concurrent: pg.Client;
  const events: string[] = [];
  const done: MaintainedTable[] = [];
  let probe: Promise<number> | undefined;

  beforeAll(async () => {
    embedded = await startEmbeddedPostgres({
      maintenance: {
        intervalMs: 500,
        quietMs: 50,
        onTableStart: (table, statement) => {
          events.push(`${statement} ${table}`);
          // A query that comes while a table is being vacuumed: it may wait for that statement, not for the next.
          if (!probe) {
            const sent = performance.now();
            probe = concurrent.query('SELECT 1').then(() => {
              events.push('query answered');
              return performance.now() - sent;
            });
          }
        },
        onTableDone: (table) => {
          events.push(`done ${table.statement} ${table.table}`);
          done.push(table);
        },
      },
    });
    client = new pg.Client({ connectionString: embedded.url });
    concurrent = new pg.Client({ connectionString: embedded.url });
    await Promise.all([client.connect(), concurrent.connect()]);
  });

  afterAll(async () => {
    await Promise.all([client.end(), concurrent.end()]);
    await embedded.stop();
  });

  async function stats(): Promise<TableStats[]> {
    await client.query('SELECT pg_stat_force_next_flush()');
    const result = await client.query<TableStats>(
      `SELECT "relname", "n_live_tup"::int, "n_dead_tup"::int, "last_vacuum", "last_analyze" FROM pg_stat_user_tables
        WHERE "relname" = ANY($1::text[]) ORDER BY "relname"`,
      [TABLES],
    );
    return result.rows;
  }

  it('vacuums and analyzes tables updated many times, one statement at a time, a concurrent query waiting for one at most', async () => {
    for (const table of TABLES) {
      await client.query(`CREATE TABLE "${table}" ("id" int PRIMARY KEY, "balance" bigint NOT NULL)`);
      await client.query(`INSERT INTO "${table}" SELECT n, 0 FROM generate_series(1, 20000) AS n`);
      for (let round = 0; round < 5; round++) await client.query(`UPDATE "${table}" SET "balance" = "balance" + 1`);
    }
    const before = await stats();
    expect(before.map((row) => row.n_dead_tup > 20_000)).toEqual([true, true, true]);

    let after = before;
    for (let waited = 0; waited < 30_000 && !after.every((row) => row.n_dead_tup === 0 && row.last_vacuum && row.last_analyze); waited += 200) {
      await sleep(200);
      after = await stats();
    }
    expect(after.map(({ relname, n_live_tup, n_dead_tup }) => ({ relname, n_live_tup, n_dead_tup }))).toEqual(TABLES.map((relname) => ({ relname, n_live_tup: 20_000, n_dead_tup: 0 })));
    after.forEach((row) => {
      expect(row.last_vacuum).toBeInstanceOf(Date);
      expect(row.last_analyze).toBeInstanceOf(Date);
    });
    for (const statement of ['VACUUM', 'ANALYZE']) {
      const maintained = new Set(done.filter((table) => table.statement === statement).map((table) => table.table));
      expect(TABLES.filter((name) => !maintained.has(`public.${name}`))).toEqual([]);
    }

    // The query sent as the first statement began was answered before the next began, having waited for the first one only.
    const waitedMs = await probe!;
    expect(events.slice(0, 4)).toEqual([events[0], `done ${events[0]}`, 'query answered', expect.stringMatching(/^(VACUUM|ANALYZE) /)]);
    expect(waitedMs).toBeLessThan(done[0].ms + 250);
  }, 60_000);
});
