import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { SessionQueue } from './embedded/session-queue.js';

/**
 * The private parts of pglite-socket 0.2.17's server (pinned exactly) that we replace or reach: its
 * message queue, and its connection handlers, to close one that holds the session idle.
 */
interface PGLiteSocketServerInternals {
  queryQueue: SessionQueue;
  handlers: Set<{ handlerId: number; detach(close: boolean): Promise<unknown> }>;
}

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * PGlite served over the Postgres wire protocol, so every service reaches it with the same `pg` driver
 * as production. PGlite is a single session, so connections take turns a query cycle or a transaction
 * at a time (see SessionQueue): never wait inside a transaction for work that needs another connection.
 */
export async function startEmbeddedPostgres(options: { dataDir?: string; port?: number; idleInTransactionTimeoutMs?: number } = {}): Promise<EmbeddedPostgres> {
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir);
  const port = options.port ?? 0;
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections: 128 });
  // The server hands its queue to each connection as it opens, so swapping it before start() is enough.
  const internals = server as unknown as PGLiteSocketServerInternals;
  const queue = new SessionQueue(db, (handlerId) => {
    const handlers = internals.handlers;
    const handler = [...handlers].find((candidate) => candidate.handlerId === handlerId);
    if (!handler) return;
    handlers.delete(handler); // detach() drops the listeners that would have removed it
    void handler.detach(true);
  }, options.idleInTransactionTimeoutMs);
  internals.queryQueue = queue;
  await server.start();
  const address = server.getServerConn();
  return {
    url: `postgres://postgres@${address}/postgres?sslmode=disable`,
    async stop() {
      queue.stop();
      await server.stop();
      await db.close();
    },
  };
}
