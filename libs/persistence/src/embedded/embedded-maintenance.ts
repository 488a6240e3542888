import { setTimeout as sleep } from 'node:timers/promises';
import type { PGlite } from '@electric-sql/pglite';
import type { SessionQueue } from './session-queue.js';

export interface EmbeddedMaintenanceOptions {
  /** Least time from the end of one pass to the start of the next (default 3 minutes). */
  intervalMs?: number;
  /** How long no connection must have used the session before a table is done (default 100 ms). */
  quietMs?: number;
  /** Told of each statement on a table as it starts (the session is held from now on). */
  onTableStart?: (table: string, statement: MaintainedTable['statement']) => void;
  /** Told of each statement done on a table and how long it held the session. */
  onTableDone?: (done: MaintainedTable) => void;
  warn?: (message: string) => void;
}

export interface MaintainedTable {
  /** Schema-qualified and quoted, as in SQL. */
  table: string;
  statement: 'VACUUM' | 'ANALYZE';
  ms: number;
}

const DEFAULT_INTERVAL_MS = 3 * 60_000;
const DEFAULT_QUIET_MS = 100;
/** How often a pass that waits for the session looks again. */
const WAIT_POLL_MS = 50;

/**
 * Autovacuum's decision with its default settings (autovacuum_vacuum_threshold 50, scale factor 0.2; the
 * insert threshold 1000, 0.2, which keeps an insert-only table's visibility map set; analyze 50, 0.1). The
 * counters are kept in PGlite but flushed only now and then: pg_stat_force_next_flush() in a statement before.
 */
const DUE_TABLES_SQL = `
  SELECT format('%I.%I', "schemaname", "relname") AS "table",
         ("n_dead_tup" > 50 + 0.2 * "n_live_tup" OR "n_ins_since_vacuum" > 1000 + 0.2 * "n_live_tup") AS "vacuum",
         "n_mod_since_analyze" > 50 + 0.1 * "n_live_tup" AS "analyze"
    FROM pg_stat_user_tables
   WHERE "n_dead_tup" > 50 + 0.2 * "n_live_tup"
      OR "n_ins_since_vacuum" > 1000 + 0.2 * "n_live_tup"
      OR "n_mod_since_analyze" > 50 + 0.1 * "n_live_tup"
   ORDER BY "n_dead_tup" DESC`;

/**
 * The autovacuum PGlite lacks: it is one standalone backend, so no launcher reclaims the dead tuples of hot
 * tables (balances, outbox, deliveries) beyond page pruning, and no ANALYZE refreshes the planner's
 * statistics. Every few minutes a pass runs VACUUM and ANALYZE on each table past autovacuum's thresholds
 * for them: one statement at a time (apart, a big table's two hold the session ~30 % less long than
 * VACUUM (ANALYZE) does), each only while no connection holds the session, waits for it or has just used it
 * (SessionQueue.runIfIdle), so a query that comes meanwhile waits for one statement on one table at most.
 */
export class EmbeddedMaintenance {
  private readonly intervalMs: number;
  private readonly quietMs: number;
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<void> | undefined;
  private lastPassEndedAt = Date.now();
  private stopped = false;

  constructor(
    private readonly db: Pick<PGlite, 'query' | 'exec'>,
    private readonly queue: Pick<SessionQueue, 'runIfIdle'>,
    private readonly options: EmbeddedMaintenanceOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
    this.quietMs = options.quietMs ?? DEFAULT_QUIET_MS;
  }

  start(): void {
    this.timer = setInterval(() => this.tick(), Math.min(this.intervalMs, 1_000)).unref();
  }

  /** Resolves once the table in progress, if any, is done; no other starts. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.pass;
  }

  private tick(): void {
    if (this.pass || this.stopped || Date.now() - this.lastPassEndedAt < this.intervalMs) return;
    this.pass = this.runPass()
      .catch((error: unknown) => this.warn(`Embedded Postgres maintenance failed: ${(error as Error).message}`))
      .finally(() => {
        this.pass = undefined;
        this.lastPassEndedAt = Date.now();
      });
  }

  private async runPass(): Promise<void> {
    let due: Array<{ table: string; vacuum: boolean; analyze: boolean }> = [];
    await this.whenIdle(async () => {
      await this.db.query('SELECT pg_stat_force_next_flush()');
      due = (await this.db.query<{ table: string; vacuum: boolean; analyze: boolean }>(DUE_TABLES_SQL)).rows;
    });
    const steps = due.flatMap(({ table, vacuum, analyze }) => [
      ...(vacuum ? [{ table, statement: 'VACUUM' as const }] : []),
      ...(analyze ? [{ table, statement: 'ANALYZE' as const }] : []),
    ]);
    for (const { table, statement } of steps) {
      await this.whenIdle(async () => {
        const started = performance.now();
        this.options.onTableStart?.(table, statement);
        try {
          await this.db.exec(`${statement} ${table}`);
        } catch (error) {
          // Dropped since the counters were read, for instance: the next table still gets its turn.
          this.warn(`Embedded Postgres maintenance: ${statement} ${table} failed: ${(error as Error).message}`);
          return;
        }
        this.options.onTableDone?.({ table, statement, ms: performance.now() - started });
      });
    }
  }

  /** Runs `work` at the session's next idle moment; not at all once stopped. */
  private async whenIdle(work: () => Promise<void>): Promise<void> {
    while (!this.stopped) {
      if (await this.queue.runIfIdle(this.quietMs, work)) return;
      await sleep(WAIT_POLL_MS);
    }
  }

  private warn(message: string): void {
    (this.options.warn ?? ((text: string) => process.emitWarning(text)))(message);
  }
}
