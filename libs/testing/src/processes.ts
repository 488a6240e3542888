import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const REPO_ROOT = process.cwd();
export const LOG_DIR = join(REPO_ROOT, '.payrail-test-logs');

export function builtEntry(app: string, file = 'main.js'): string {
  const entry = join(REPO_ROOT, 'dist', 'apps', app, 'src', file);
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  return entry;
}

/**
 * The V8 flags every Payrail process runs with (package.json's start scripts, the image's ENTRYPOINT): a
 * young generation of 32 MB semi-spaces rather than 16 MB. A request allocates short-lived objects by the
 * kilobyte, and at hundreds of requests a second the default's scavenges cost 10 % of the main thread;
 * bench:ledger measures 10-15 % less CPU per transfer with it. Specs and benches run what is deployed.
 */
export const SERVICE_NODE_FLAGS = ['--max-semi-space-size=32'];

/** Starts a built entry point, its output going to a log file named after it. */
export function spawnNode(name: string, entry: string, env: NodeJS.ProcessEnv, args: string[] = [], { cpuProfileDir }: SpawnOptions = {}): ChildProcess {
  mkdirSync(LOG_DIR, { recursive: true });
  const log = createWriteStream(join(LOG_DIR, `${name}.log`), { flags: 'a' });
  // V8 writes the profile when the process exits, a graceful stop included (not after SIGKILL).
  const profiling = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`, `--cpu-prof-name=${name}.${Date.now()}.cpuprofile`] : [];
  const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, ...profiling, entry, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  return child;
}

export interface SpawnOptions {
  /** Profiles the process with V8's sampling profiler, into `<dir>/<name>.<ms>.cpuprofile` (benchmarks). */
  cpuProfileDir?: string;
}

export async function waitForHealthy(baseUrl: string, timeoutMs = 60_000): Promise<number> {
  const started = Date.now();
  let last = 'no answer';
  while (Date.now() - started < timeoutMs) {
    try {
      const response = await fetch(`${baseUrl}/health`);
      if (response.status === 200) return Date.now() - started;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(200);
  }
  throw new Error(`${baseUrl}/health not healthy within ${timeoutMs} ms: ${last}`);
}

export async function waitForFile(path: string, timeoutMs = 60_000): Promise<string> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (existsSync(path)) return readFile(path, 'utf8');
    await sleep(100);
  }
  throw new Error(`${path} did not appear within ${timeoutMs} ms`);
}

export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}
