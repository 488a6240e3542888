import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { builtEntry, spawnNode, stopProcess, waitForFile, waitForHealthy } from './processes.js';
import { startRedisServer } from './redis-server.js';
import { openFreshDatabase } from './test-database.js';

export interface PlatformUnderTest {
  mode: 'embedded' | 'distributed';
  baseUrl: string;
  /** Every edge replica, `baseUrl` first: replicas share one public URL and so one OAuth issuer. */
  edgeUrls: string[];
  databaseUrl: string;
  env: NodeJS.ProcessEnv;
  processes: ChildProcess[];
  startupMs: number;
  /** Drops the database made for this run, once its processes are stopped (distributed only). */
  dropDatabase?: () => Promise<void>;
}

/** The backends of a distributed platform, in the order of `PlatformUnderTest.processes` (the edges follow). */
export const SERVICE_APPS = ['auth', 'gateway-connectors', 'payments', 'refunds', 'ledger', 'webhook-dispatch'] as const;
const APPS = SERVICE_APPS;

/** The deployment secrets a test platform runs with (random per run, never real). */
export function testSecrets(): NodeJS.ProcessEnv {
  return {
    PAYRAIL_API_KEY_PEPPER: randomBytes(32).toString('hex'),
    PAYRAIL_SECRETS_KEY: randomBytes(32).toString('hex'),
    PAYRAIL_CARD_FINGERPRINT_KEY: randomBytes(32).toString('hex'),
    PAYRAIL_WEBHOOK_RETRY_SCHEDULE_MS: '300,600,1200,2400',
    PAYRAIL_TRANSACTION_WEBHOOK_RETRY_SCHEDULE_MS: '300,600,900',
    // Locked at the 5th failed login rather than the 10th, so that a spec reaches the lock in seconds.
    PAYRAIL_LOGIN_LOCK_AFTER_FAILURES: '5',
    // The whole suite comes from 127.0.0.1: its failed logins and secrets must not slow every later spec down.
    PAYRAIL_LOGIN_SOURCE_FREE_FAILURES: '1000',
    // Likewise for the edge's limits per source address; per-key limits stay as documented.
    PAYRAIL_RATE_LIMITS: 'unauthenticated=100000,failed_authentication=100000',
    LOG_LEVEL: 'warn',
    // Specs receive webhooks on 127.0.0.1 (webhook-receiver.ts): said explicitly, on both runtimes.
    PAYRAIL_WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'on',
    // Live streams ping every 2 s rather than 25, so that a spec sees a silent client dropped in seconds.
    PAYRAIL_STREAM_HEARTBEAT_MS: '2000',
    // Charges' funds become available within a spec's patience rather than two days.
    PAYRAIL_PAYOUT_DELAY_MS: '1500',
    PAYRAIL_SETTLEMENT_INTERVAL_MS: '250',
    // The sandbox's shortened settlement windows: ACH and wires settle in about a second.
    PAYRAIL_ACH_SETTLEMENT_MS: '1000',
    PAYRAIL_WIRE_SETTLEMENT_MS: '1000',
    // Specs make Stripe and Razorpay accounts with made-up keys: no probe may carry them to the real gateways.
    PAYRAIL_GATEWAY_PROBE_INTERVAL_MS: '0',
    // An unanswered M-Pesa prompt expires after 30 s (the least allowed) rather than 3 minutes, within a spec's patience.
    PAYRAIL_MPESA_PROMPT_TIMEOUT_SECONDS: '30',
    // The edges serve `GET /metrics` for the metrics spec (off by default: a deployment's edge faces the internet).
    PAYRAIL_EDGE_METRICS: 'on',
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

/** Two ports in a row that are free now: the all-in-one process puts edge replicas on PORT, PORT+1, …. */
async function freeConsecutivePorts(count: number): Promise<number> {
  for (;;) {
    const first = await freePort();
    if (first + count - 1 > 65535) continue;
    const free = await Promise.all(Array.from({ length: count - 1 }, (_, i) => isFree(first + i + 1)));
    if (free.every(Boolean)) return first;
  }
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export interface PlatformOptions {
  /** Edge instances sharing the platform's database and broker (default 1). */
  edgeReplicas?: number;
  /** Settings for every process of a distributed platform, over the test secrets. */
  extraEnv?: NodeJS.ProcessEnv;
  /** Writes a V8 CPU profile of every Node process of the platform there when it stops (benchmarks). */
  cpuProfileDir?: string;
}

/**
 * The all-in-one process: embedded Postgres and in-process transport unless env says otherwise. A new
 * data dir unless `extraEnv.PAYRAIL_DATA_DIR` names one to start again on (pass the previous run's env).
 * With several edge replicas they get fixed ports, so that they share one public URL (the first).
 */
export async function startAllInOne(
  name: string,
  extraEnv: NodeJS.ProcessEnv = {},
  { edgeReplicas = 1, cpuProfileDir }: PlatformOptions = {},
): Promise<PlatformUnderTest & { dataDir: string }> {
  const dataDir = extraEnv.PAYRAIL_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'payrail-test-'));
  rmSync(join(dataDir, 'runtime.json'), { force: true });
  const port = edgeReplicas > 1 ? await freeConsecutivePorts(edgeReplicas) : 0;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...testSecrets(),
    PAYRAIL_DATA_DIR: dataDir,
    PORT: String(port),
    PAYRAIL_EDGE_REPLICAS: String(edgeReplicas),
    ...extraEnv,
  };
  const started = Date.now();
  const child = spawnNode(name, builtEntry('platform'), env, [], { cpuProfileDir });
  const runtime = JSON.parse(await waitForFile(join(dataDir, 'runtime.json'), 90_000)) as { url: string; edgeUrls: string[]; databaseUrl: string };
  await Promise.all(runtime.edgeUrls.map((url) => waitForHealthy(url)));
  return {
    mode: env.KAFKA_BROKERS ? 'distributed' : 'embedded',
    baseUrl: runtime.url,
    edgeUrls: runtime.edgeUrls,
    databaseUrl: runtime.databaseUrl,
    env,
    processes: [child],
    startupMs: Date.now() - started,
    dataDir,
  };
}

/**
 * One process per service, on real Postgres and Kafka, as they run in production; the edge as
 * `edgeReplicas` processes that share one public URL, as replicas behind a load balancer do.
 */
export async function startServiceProcesses(
  serverUrl: string,
  kafkaBrokers: string,
  { edgeReplicas = 1, extraEnv = {}, cpuProfileDir }: PlatformOptions = {},
): Promise<PlatformUnderTest> {
  const started = Date.now();
  // A database of the run's own: its secrets are new each run, and a database sealed under earlier ones is refused.
  const database = await openFreshDatabase(serverUrl, 'payrail_run');
  const databaseUrl = database.url;
  const healthPorts = await Promise.all(APPS.map(() => freePort()));
  const edgePorts = await Promise.all(Array.from({ length: edgeReplicas }, () => freePort()));
  const edgeUrls = edgePorts.map((port) => `http://127.0.0.1:${port}`);
  // Every service knows the public URL, as in a deployment: gateway-connectors gives it to gateways (M-Pesa's CallBackURL).
  const env: NodeJS.ProcessEnv = { ...process.env, ...testSecrets(), PAYRAIL_PUBLIC_URL: edgeUrls[0], ...extraEnv, DATABASE_URL: databaseUrl, KAFKA_BROKERS: kafkaBrokers };
  // The edges share their rate limits through Redis, as replicas in production do: CI's (PAYRAIL_REDIS_URL), or one of their own.
  const ownRedis = env.PAYRAIL_REDIS_URL ? undefined : await startRedisServer(await freePort());
  if (ownRedis) env.PAYRAIL_REDIS_URL = ownRedis.url;
  const processes = APPS.map((app, i) => spawnNode(app, builtEntry(app), { ...env, PAYRAIL_HEALTH_PORT: String(healthPorts[i]) }, [], { cpuProfileDir }));
  const edgeEnv = { ...env, HOST: '127.0.0.1' };
  edgePorts.forEach((port, i) => processes.push(spawnNode(`api-gateway-${i + 1}`, builtEntry('api-gateway'), { ...edgeEnv, PORT: String(port) }, [], { cpuProfileDir })));
  if (ownRedis) processes.push(ownRedis.process);
  try {
    // Each backend's own probe first (what an orchestrator watches), then the edges, which ping them all.
    await Promise.all(healthPorts.map((healthPort) => waitForHealthy(`http://127.0.0.1:${healthPort}`, 120_000)));
    await Promise.all(edgeUrls.map((url) => waitForHealthy(url, 120_000)));
  } catch (error) {
    await Promise.all(processes.map((child) => stopProcess(child)));
    await database.stop();
    throw error;
  }
  return { mode: 'distributed', baseUrl: edgeUrls[0], edgeUrls, databaseUrl, env, processes, startupMs: Date.now() - started, dropDatabase: database.stop };
}

/** Starts one backend of a distributed platform again (after it was stopped or killed), and waits until it is healthy. */
export async function restartService(platform: PlatformUnderTest, app: (typeof SERVICE_APPS)[number]): Promise<void> {
  const index = SERVICE_APPS.indexOf(app);
  const healthPort = await freePort();
  const child = spawnNode(`${app}-restarted`, builtEntry(app), { ...platform.env, PAYRAIL_HEALTH_PORT: String(healthPort) });
  platform.processes[index] = child;
  await waitForHealthy(`http://127.0.0.1:${healthPort}`, 120_000);
}
