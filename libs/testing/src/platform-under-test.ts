import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { builtEntry, spawnNode, stopProcess, waitForFile, waitForHealthy } from './processes.js';

export interface PlatformUnderTest {
  mode: 'embedded' | 'distributed';
  baseUrl: string;
  databaseUrl: string;
  env: NodeJS.ProcessEnv;
  processes: ChildProcess[];
  startupMs: number;
}

const APPS = ['auth', 'gateway-connectors', 'payments', 'refunds', 'webhook-dispatch'];

/** The deployment secrets a test platform runs with (random per run, never real). */
export function testSecrets(): NodeJS.ProcessEnv {
  return {
    PAYRAIL_API_KEY_PEPPER: randomBytes(32).toString('hex'),
    PAYRAIL_SECRETS_KEY: randomBytes(32).toString('hex'),
    PAYRAIL_CARD_FINGERPRINT_KEY: randomBytes(32).toString('hex'),
    PAYRAIL_WEBHOOK_RETRY_SCHEDULE_MS: '300,600,1200,2400',
    LOG_LEVEL: 'warn',
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * The all-in-one process: embedded Postgres and in-process transport unless env says otherwise. A new
 * data dir unless `extraEnv.PAYRAIL_DATA_DIR` names one to start again on (pass the previous run's env).
 */
export async function startAllInOne(name: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<PlatformUnderTest & { dataDir: string }> {
  const dataDir = extraEnv.PAYRAIL_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'payrail-test-'));
  rmSync(join(dataDir, 'runtime.json'), { force: true });
  const env: NodeJS.ProcessEnv = { ...process.env, ...testSecrets(), PAYRAIL_DATA_DIR: dataDir, PORT: '0', ...extraEnv };
  const started = Date.now();
  const child = spawnNode(name, builtEntry('platform'), env);
  const runtime = JSON.parse(await waitForFile(join(dataDir, 'runtime.json'), 90_000)) as { url: string; databaseUrl: string };
  await waitForHealthy(runtime.url);
  return {
    mode: env.KAFKA_BROKERS ? 'distributed' : 'embedded',
    baseUrl: runtime.url,
    databaseUrl: runtime.databaseUrl,
    env,
    processes: [child],
    startupMs: Date.now() - started,
    dataDir,
  };
}

/** Six processes, one per service, on real Postgres and Kafka: as they run in production. */
export async function startSixProcesses(databaseUrl: string, kafkaBrokers: string): Promise<PlatformUnderTest> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, ...testSecrets(), DATABASE_URL: databaseUrl, KAFKA_BROKERS: kafkaBrokers };
  const started = Date.now();
  const healthPorts = await Promise.all(APPS.map(() => freePort()));
  const processes = APPS.map((app, i) => spawnNode(app, builtEntry(app), { ...env, PAYRAIL_HEALTH_PORT: String(healthPorts[i]) }));
  processes.push(spawnNode('api-gateway', builtEntry('api-gateway'), { ...env, PORT: String(port), HOST: '127.0.0.1' }));
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    // Each backend's own probe first (what an orchestrator watches), then the edge, which pings them all.
    await Promise.all(healthPorts.map((healthPort) => waitForHealthy(`http://127.0.0.1:${healthPort}`, 120_000)));
    await waitForHealthy(baseUrl, 120_000);
  } catch (error) {
    await Promise.all(processes.map((child) => stopProcess(child)));
    throw error;
  }
  return { mode: 'distributed', baseUrl, databaseUrl, env, processes, startupMs: Date.now() - started };
}
