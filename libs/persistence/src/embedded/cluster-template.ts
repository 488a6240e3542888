import { createHash, randomBytes } from 'node:crypto';
import { lstat, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

// Imports only node builtins and PGlite: template-race.int-spec.ts compiles this file alone for child processes.

const MAGIC = 'payrail-pglite-cluster-template';
const HASH_LENGTH = 64;
/** `<MAGIC> <sha256 hex of the tarball>\n`, then the tarball. */
const HEADER_LENGTH = MAGIC.length + 1 + HASH_LENGTH + 1;
/** Where a tar header says `ustar`: PGlite's dumps are ustar archives. */
const USTAR_MAGIC_OFFSET = 257;

export interface ClusterTemplateStore {
  /** A directory of its own (made 0700); it must not be shared with, or writable by, another user. */
  dir: string;
  /** PGlite's version: a template is only ever loaded by the PGlite that made it. */
  pgliteVersion: string;
}

/**
 * A plain cluster as PGlite's own initdb leaves it (nothing of Payrail's in it), as a tarball for PGlite's
 * `loadDataDir`. Running initdb inside WASM is most of a fresh embedded Postgres's start; loading the
 * tarball is a fraction of it. PGlite itself does the same on a fresh node data dir: initdb in memory,
 * `dumpDataDir`, then load that tarball into the dir.
 *
 * Made once and kept in `store.dir`, named by PGlite's version and published by rename, so that processes
 * racing to make it each end with a whole file. A file that is unreadable or whose checksum does not match
 * is made again. Undefined when no template can be had: the caller runs initdb as before.
 */
export async function clusterTemplate(store: ClusterTemplateStore): Promise<Blob | undefined> {
  const file = templateFile(store);
  if (!(await isPrivateDirectoryOfOurs(store.dir))) return undefined;
  const cached = await readTemplate(file);
  if (cached) return cached;
  let tarball: Uint8Array;
  try {
    tarball = await makeTemplate();
  } catch {
    return undefined;
  }
  await publish(file, tarball).catch(() => undefined);
  return new Blob([tarball], { type: 'application/x-tar' });
}

/** For a template PGlite could not load although its checksum matched: the next start makes it again. */
export async function discardClusterTemplate(store: ClusterTemplateStore): Promise<void> {
  await rm(templateFile(store), { force: true });
}

function templateFile(store: ClusterTemplateStore): string {
  return join(store.dir, `pglite-${store.pgliteVersion.replace(/[^\w.-]/g, '_')}.template`);
}

async function isPrivateDirectoryOfOurs(dir: string): Promise<boolean> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const stats = await lstat(dir);
    // A directory another local user made (or could write to) could hand us a cluster of theirs.
    const ours = typeof process.getuid !== 'function' || stats.uid === process.getuid();
    return stats.isDirectory() && ours && (stats.mode & 0o077) === 0;
  } catch {
    return false;
  }
}

async function readTemplate(file: string): Promise<Blob | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return undefined;
  }
  if (bytes.length <= HEADER_LENGTH || bytes.toString('latin1', 0, MAGIC.length + 1) !== `${MAGIC} `) return undefined;
  const expected = bytes.toString('latin1', MAGIC.length + 1, MAGIC.length + 1 + HASH_LENGTH);
  const tarball = bytes.subarray(HEADER_LENGTH);
  if (sha256(tarball) !== expected) return undefined;
  // PGlite takes what is not a tarball for gzip, and a failed gunzip there is an unhandled rejection: never hand it one.
  if (tarball.toString('latin1', USTAR_MAGIC_OFFSET, USTAR_MAGIC_OFFSET + 5) !== 'ustar') return undefined;
  return new Blob([tarball], { type: 'application/x-tar' });
}

async function makeTemplate(): Promise<Uint8Array> {
  const db = await PGlite.create();
  try {
    // The dump is taken while the backend runs: a checkpoint first leaves next to no WAL to replay on load.
    await db.exec('CHECKPOINT');
    const dump = await db.dumpDataDir('none');
    return new Uint8Array(await dump.arrayBuffer());
  } finally {
    await db.close();
  }
}

async function publish(file: string, tarball: Uint8Array): Promise<void> {
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, Buffer.concat([Buffer.from(`${MAGIC} ${sha256(tarball)}\n`, 'latin1'), tarball]), { mode: 0o600 });
    await rename(temporary, file);
  } finally {
    await rm(temporary, { force: true });
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
