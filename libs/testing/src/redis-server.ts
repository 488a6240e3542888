import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LOG_DIR, stopProcess } from './processes.js';

export interface RedisServer {
  url: string;
  port: number;
  /** For a harness that stops its processes together. */
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * A throwaway Redis (Debian's `redis-server`, REDIS_SERVER_BIN to choose another) on a loopback port
 * (a `freePort()`), nothing persisted: a spec's own, which it may stop to see the edge fail open.
 */
export async function startRedisServer(port: number, timeoutMs = 15_000): Promise<RedisServer> {
  const binary = process.env.REDIS_SERVER_BIN ?? 'redis-server';
  mkdirSync(LOG_DIR, { recursive: true });
  const log = createWriteStream(join(LOG_DIR, `redis-${port}.log`), { flags: 'a' });
  const child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const stop = async (): Promise<void> => {
    await stopProcess(child);
    log.end();
  };
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    if (await accepts(port)) return { url: `redis://127.0.0.1:${port}`, port, process: child, stop };
    await sleep(50);
  }
  await stop();
  throw new Error(`${binary} did not listen on ${port} within ${timeoutMs} ms (see ${LOG_DIR}/redis-${port}.log)`);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
