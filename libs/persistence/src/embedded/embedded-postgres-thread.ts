import { Worker } from 'node:worker_threads';
import type { EmbeddedPostgres, EmbeddedPostgresOptions } from '../embedded-postgres.js';
import type { EmbeddedMaintenanceOptions } from './embedded-maintenance.js';
import { restrictUmask } from './private-directory.js';

export const STOP = 'stop';

export interface EmbeddedPostgresWorkerReply {
  url?: string;
  stopped?: boolean;
}

/** The options cross to the thread as data: no callbacks. */
export type EmbeddedPostgresThreadOptions = Omit<EmbeddedPostgresOptions, 'maintenance'> & {
  maintenance?: Omit<EmbeddedMaintenanceOptions, 'onTableStart' | 'onTableDone' | 'warn'> | false;
};

/**
 * startEmbeddedPostgres on a thread of its own. PGlite runs every statement synchronously on the thread
 * that owns it: in the all-in-one process that thread also ran every service, so Postgres and the
 * services took turns on one core. On its own thread they run side by side; the services still reach it
 * over the wire protocol, exactly as before. Only for built code (the worker is loaded from its .js file).
 */
export async function startEmbeddedPostgresThread(options: EmbeddedPostgresThreadOptions = {}): Promise<EmbeddedPostgres> {
  // The umask is the process's, and a worker thread may not change it: set here, before PGlite writes a file.
  if (options.dataDir) restrictUmask();
  const worker = new Worker(new URL('./embedded-postgres.worker.js', import.meta.url), { workerData: options });
  const url = await new Promise<string>((resolve, reject) => {
    const failed = (error: unknown) => reject(error instanceof Error ? error : new Error(`Embedded Postgres thread: ${String(error)}`));
    worker.once('error', failed);
    worker.once('exit', (code) => failed(new Error(`Embedded Postgres thread exited with code ${code} before it was ready`)));
    worker.once('message', (reply: EmbeddedPostgresWorkerReply) => {
      // From now on a failure of the thread is the process's own (see the listener below).
      worker.removeAllListeners('exit');
      worker.removeAllListeners('error');
      if (reply.url) resolve(reply.url);
      else failed(new Error('Embedded Postgres thread answered without a URL'));
    });
  });
  let stopping = false;
  let exited = false;
  worker.once('exit', (code) => {
    exited = true;
    // As when PGlite failed on the services' own thread: the process does not run on without its database.
    if (!stopping) throw new Error(`Embedded Postgres thread exited unexpectedly with code ${code}`);
  });
  return {
    url,
    async stop() {
      stopping = true;
      if (exited) return;
      const stopped = new Promise<void>((resolve) => {
        worker.once('message', () => resolve());
        worker.once('exit', () => resolve());
      });
      worker.postMessage(STOP);
      await stopped;
      await worker.terminate();
    },
  };
}
