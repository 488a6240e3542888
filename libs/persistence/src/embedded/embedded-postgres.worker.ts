import { parentPort, workerData } from 'node:worker_threads';
import { startEmbeddedPostgres, type EmbeddedPostgresOptions } from '../embedded-postgres.js';
import { STOP, type EmbeddedPostgresWorkerReply } from './embedded-postgres-thread.js';

// The thread started by startEmbeddedPostgresThread: PGlite and its socket server, nothing else.
const port = parentPort!;
const embedded = await startEmbeddedPostgres(workerData as EmbeddedPostgresOptions);
port.on('message', (message: unknown) => {
  if (message !== STOP) return;
  void embedded.stop().then(() => {
    port.postMessage({ stopped: true } satisfies EmbeddedPostgresWorkerReply);
    port.close();
  });
});
port.postMessage({ url: embedded.url } satisfies EmbeddedPostgresWorkerReply);
