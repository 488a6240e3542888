import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { clusterTemplate, discardClusterTemplate } from './embedded/cluster-template.js';
import { EmbeddedMaintenance, type EmbeddedMaintenanceOptions } from './embedded/embedded-maintenance.js';
import { passwordGate } from './embedded/password-gate.js';
import { makePrivateDirectory, restrictUmask } from './embedded/private-directory.js';
import { SessionQueue } from './embedded/session-queue.js';
import { WireConnection } from './embedded/wire-connection.js';

const USER = 'postgres';
/** Kept beside PGlite's own files, written once the cluster exists (a fresh cluster wants an empty dir). */
const PASSWORD_FILE = 'payrail-password';
const MAX_CONNECTIONS = 128;

export interface EmbeddedPostgres {
  /** Carries the generated password: treat it as a secret. */
  url: string;
  stop(): Promise<void>;
}

/**
 * PGlite served over the Postgres wire protocol, so every service reaches it with the same `pg` driver
 * as production. PGlite is a single session, so connections take turns a query cycle or a transaction
 * at a time (see SessionQueue): never wait inside a transaction for work that needs another connection.
 *
 * It listens on loopback and asks for a password (see passwordGate): generated once and kept in the data
 * dir when there is one, new at each start otherwise. The data dir is its owner's only (0700, files 0600),
 * checked at start, after PGlite has opened it, and at stop.
 */
export interface EmbeddedPostgresOptions {
  dataDir?: string;
  port?: number;
  idleInTransactionTimeoutMs?: number;
  /** Where the initdb-ed cluster a fresh database starts from is kept (see clusterTemplate); a per-user temp dir by default. */
  templateDir?: string;
  /** The vacuum and analyze passes PGlite's missing autovacuum would make (see EmbeddedMaintenance); `false`: none. */
  maintenance?: EmbeddedMaintenanceOptions | false;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  if (options.dataDir) {
    // A worker thread may not change the process's umask: its launcher has (startEmbeddedPostgresThread).
    if (isMainThread) restrictUmask();
    await makePrivateDirectory(options.dataDir);
  }
  const db = await openCluster(options);
  const password = options.dataDir ? await storedPassword(options.dataDir) : newPassword();
  // PGlite sets the modes of a new cluster's files itself (0666), past the umask: corrected once it exists.
  if (options.dataDir) await makePrivateDirectory(options.dataDir);

  const connections = new Map<number, WireConnection>();
  const queue = new SessionQueue(db, (handlerId) => void connections.get(handlerId)?.close(), options.idleInTransactionTimeoutMs);
  const maintenance = options.maintenance === false ? undefined : new EmbeddedMaintenance(db, queue, options.maintenance);
  maintenance?.start();

  const authenticating = new Set<Socket>();
  const server = createServer((socket) => {
    authenticating.add(socket);
    void passwordGate(socket, { user: USER, password }).then((replay) => {
      authenticating.delete(socket);
      if (!replay) return;
      const connection = new WireConnection(socket, queue, (closed) => connections.delete(closed.id));
      connections.set(connection.id, connection);
      // The gate left the socket paused: PGlite sees the startup message first, then the rest, in order.
      connection.attach(replay);
      socket.resume();
    });
  });
  server.maxConnections = MAX_CONNECTIONS;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres?sslmode=disable`,
    async stop() {
      await maintenance?.stop();
      queue.stop();
      for (const socket of authenticating) socket.destroy();
      await Promise.all([...connections.values()].map((connection) => connection.close()));
      connections.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
      // And of files it made while running, which the 0700 directory kept from other users meanwhile.
      if (options.dataDir) await makePrivateDirectory(options.dataDir);
    },
  };
}

/** An existing data dir is opened as it is; a fresh one (or memory) starts from the cluster template if there is one. */
async function openCluster(options: EmbeddedPostgresOptions): Promise<PGlite> {
  const { dataDir } = options;
  if (dataDir && (await readdir(dataDir)).length > 0) return PGlite.create(dataDir);
  const store = { dir: options.templateDir ?? defaultTemplateDir(), pgliteVersion: pgliteVersion() };
  const template = await clusterTemplate(store);
  if (!template) return PGlite.create(dataDir);
  try {
    return await PGlite.create({ dataDir, loadDataDir: template });
  } catch {
    // The dir was empty before the load began: what the load left in it is removed, and initdb runs instead.
    await discardClusterTemplate(store);
    if (dataDir) await emptyDirectory(dataDir);
    return PGlite.create(dataDir);
  }
}

function defaultTemplateDir(): string {
  const user = typeof process.getuid === 'function' ? String(process.getuid()) : 'user';
  return join(tmpdir(), `payrail-pglite-template-${user}`);
}

function pgliteVersion(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const manifest = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

async function emptyDirectory(dir: string): Promise<void> {
  for (const entry of await readdir(dir)) await rm(join(dir, entry), { recursive: true, force: true });
}

function newPassword(): string {
  return randomBytes(24).toString('base64url');
}

async function storedPassword(dataDir: string): Promise<string> {
  const file = join(dataDir, PASSWORD_FILE);
  if (existsSync(file)) {
    const stored = (await readFile(file, 'utf8')).trim();
    if (stored) return stored;
  }
  const password = newPassword();
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}
