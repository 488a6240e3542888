import { chmod, lstat, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Makes `dir` readable by its owner only: the directory and every directory inside it 0700, every file
 * 0600. Also corrects a directory made by an older version, whose files were left world-readable.
 * Symbolic links are not followed.
 */
export async function makePrivateDirectory(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await restrict(dir);
}

async function restrict(path: string): Promise<void> {
  const stats = await lstat(path);
  if (stats.isSymbolicLink()) return;
  if (!stats.isDirectory()) {
    if ((stats.mode & 0o777) !== 0o600) await chmod(path, 0o600);
    return;
  }
  if ((stats.mode & 0o777) !== 0o700) await chmod(path, 0o700);
  for (const entry of await readdir(path)) await restrict(join(path, entry));
}

/** Files this process creates from now on are its owner's only, unless it sets their mode explicitly. */
export function restrictUmask(): void {
  const previous = process.umask(0o077);
  process.umask(previous | 0o077);
}
