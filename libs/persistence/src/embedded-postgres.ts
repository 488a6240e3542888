import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { SessionQueue } from './embedded/session-queue.js';

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
  const queue = new SessionQueue(db, (handlerId) => {
    const handlers = (server as unknown as { handlers: Set<{ handlerId: number; detach(close: boolean): Promise<unknown> }> }).handlers;
    const handler = [...handlers].find((candidate) => candidate.handlerId === handlerId);
    if (!handler) return;
    handlers.delete(handler); // detach() drops the listeners that would have removed it
    void handler.detach(true);
  }, options.idleInTransactionTimeoutMs);
  (server as unknown as { queryQueue: SessionQueue }).queryQueue = queue;
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
