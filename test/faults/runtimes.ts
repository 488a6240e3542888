import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import {
  builtEntry,
  createMerchant,
  freePort,
  restartService,
  spawnNode,
  startAllInOne,
  startServiceProcesses,
  stopProcess,
  waitForHealthy,
  type MerchantCredentials,
  type PlatformUnderTest,
  type StallingWebhookReceiver,
} from '@payrail/testing';

/** Longer than the bus's request timeout (DEFAULT_REQUEST_TIMEOUT_MS, 15 s), so that callers of a paused service time out. */
const PAUSE_MS = 17_000;

/** Settings that let recovery happen within the suite's minutes rather than production's hours. */
export const RECOVERY_ENV: NodeJS.ProcessEnv = {
  PAYRAIL_IDEMPOTENCY_LEASE_SECONDS: '3',
  // What is under test is recovery, not the edge's limits: a backlog of retries after the faults must not meet 429s.
  PAYRAIL_RATE_LIMITS: 'unauthenticated=100000,failed_authentication=100000,payment_creation=100000,status_read=100000,default=100000',
  PAYRAIL_PROCESSING_STALE_AFTER_MS: '4000',
  PAYRAIL_PROCESSING_SWEEP_INTERVAL_MS: '1000',
  PAYRAIL_REFUND_RECONCILE_INTERVAL_MS: '1000',
  PAYRAIL_RECONCILIATION_SCHEDULE: '4s,5s,6s,8s,10s,15s,20s,30s,45s,60s,90s,120s',
  // A receiver that stops answering for a while must still get every event: retries keep coming for minutes.
  PAYRAIL_WEBHOOK_RETRY_SCHEDULE_MS: '500,1000,2000,3000,5000,5000,5000,5000,5000,5000,10000,10000,10000,10000,10000,10000',
  PAYRAIL_WEBHOOK_TIMEOUT_MS: '3000',
};

export interface Fault {
  name: string;
  inject: () => Promise<void>;
}

export interface RuntimeUnderFaults {
  mode: 'embedded' | 'distributed';
  platform: PlatformUnderTest;
  credentials: MerchantCredentials;
  /** Every fault this runtime can take, the receiver's among them, in the order they are injected. */
  faults(receiver: StallingWebhookReceiver): Fault[];
  stop(): Promise<void>;
}

/** The webhook endpoint stops answering: first holding every connection, then refusing with 503. */
function receiverFault(receiver: StallingWebhookReceiver): Fault {
  return {
    name: 'webhook receiver holds connections 8 s, then answers 503 for 6 s',
    inject: async () => {
      receiver.behave('holding');
      await sleep(8_000);
      receiver.behave('refusing');
      await sleep(6_000);
      receiver.behave('answering');
    },
  };
}

async function pause(pid: number): Promise<void> {
  process.kill(pid, 'SIGSTOP');
  await sleep(PAUSE_MS);
  process.kill(pid, 'SIGCONT');
}

/** The all-in-one process on a fixed port, so that the SDK's address survives its restarts. */
export async function embeddedRuntime(): Promise<RuntimeUnderFaults> {
  const port = await freePort();
  let platform = await startAllInOne('faults-embedded', { DATABASE_URL: '', KAFKA_BROKERS: '', PORT: String(port), ...RECOVERY_ENV });
  const credentials = JSON.parse(await readFile(join(platform.dataDir, 'sandbox-credentials.json'), 'utf8')) as MerchantCredentials;
  const runtime: RuntimeUnderFaults = {
    mode: 'embedded',
    platform,
    credentials,
    faults: (receiver) => [
      {
        name: 'kill -9 the all-in-one process',
        inject: async () => {
          await stopProcess(platform.processes[0], 'SIGKILL');
          platform = await startAllInOne('faults-embedded-restarted', { ...platform.env });
          runtime.platform = platform;
        },
      },
      { name: `SIGSTOP the all-in-one process ${PAUSE_MS / 1000} s, then SIGCONT`, inject: () => pause(platform.processes[0].pid!) },
      receiverFault(receiver),
    ],
    stop: async () => {
      await Promise.all(platform.processes.map((child) => stopProcess(child)));
    },
  };
  return runtime;
}

const run = promisify(execFile);

/**
 * A process per service on the suite's own Postgres and Kafka, which `.ci/faults.sh` started and knows
 * how to restart in place (PAYRAIL_FAULTS_CI_SCRIPT). Never CI's shared servers: those are refused.
 */
export async function distributedRuntime(env: NodeJS.ProcessEnv): Promise<RuntimeUnderFaults> {
  const { DATABASE_URL: databaseUrl, KAFKA_BROKERS: brokers, PAYRAIL_FAULTS_CI_SCRIPT: script } = env;
  if (!databaseUrl || !brokers || !script) throw new Error('the distributed fault run needs DATABASE_URL, KAFKA_BROKERS and PAYRAIL_FAULTS_CI_SCRIPT: run it through .ci/faults.sh');
  if (databaseUrl.includes(':55432/') || brokers.includes(':59092')) throw new Error('refusing to inject faults into the shared CI Postgres (55432) or Kafka (59092)');
  const platform = await startServiceProcesses(databaseUrl, brokers, { extraEnv: { ...RECOVERY_ENV, KAFKA_NAMESPACE: `faults-${randomBytes(4).toString('hex')}.` } });
  const credentials = await merchantOn(platform);
  const edgePort = new URL(platform.baseUrl).port;
  const edgeIndex = 6;
  const killAndRestart = (app: 'auth' | 'payments' | 'ledger' | 'refunds' | 'gateway-connectors' | 'webhook-dispatch'): Fault => ({
    name: `kill -9 ${app}`,
    inject: async () => {
      const index = ['auth', 'gateway-connectors', 'payments', 'refunds', 'ledger', 'webhook-dispatch'].indexOf(app);
      await stopProcess(platform.processes[index], 'SIGKILL');
      await sleep(1_000);
      await restartService(platform, app);
    },
  });
  const restartInfrastructure = (what: 'postgres' | 'kafka'): Fault => ({
    name: `restart ${what === 'postgres' ? 'Postgres' : 'the Kafka broker'}`,
    inject: async () => {
      await run('bash', [script, `restart-${what}`], { env: process.env, timeout: 180_000 });
    },
  });
  return {
    mode: 'distributed',
    platform,
    credentials,
    faults: (receiver) => [
      killAndRestart('payments'),
      killAndRestart('gateway-connectors'),
      killAndRestart('refunds'),
      killAndRestart('ledger'),
      killAndRestart('webhook-dispatch'),
      killAndRestart('auth'),
      {
        name: 'kill -9 api-gateway',
        inject: async () => {
          await stopProcess(platform.processes[edgeIndex], 'SIGKILL');
          platform.processes[edgeIndex] = spawnNode('api-gateway-restarted', builtEntry('api-gateway'), { ...platform.env, HOST: '127.0.0.1', PORT: edgePort });
          await waitForHealthy(platform.baseUrl, 120_000);
        },
      },
      restartInfrastructure('kafka'),
      restartInfrastructure('postgres'),
      { name: `SIGSTOP payments ${PAUSE_MS / 1000} s, then SIGCONT`, inject: () => pause(platform.processes[2].pid!) },
      receiverFault(receiver),
    ],
    stop: async () => {
      await Promise.all(platform.processes.map((child) => stopProcess(child)));
      await platform.dropDatabase?.();
    },
  };
}

/** A merchant on the platform's database, made as an operator would (the bootstrap command). */
async function merchantOn(platform: PlatformUnderTest): Promise<MerchantCredentials> {
  const saved = { env: process.env.PAYRAIL_TEST_ENV, url: process.env.PAYRAIL_TEST_DATABASE_URL };
  process.env.PAYRAIL_TEST_ENV = JSON.stringify(Object.fromEntries(Object.entries(platform.env).filter(([name]) => name.startsWith('PAYRAIL_'))));
  process.env.PAYRAIL_TEST_DATABASE_URL = platform.databaseUrl;
  try {
    return await createMerchant('Faults');
  } finally {
    process.env.PAYRAIL_TEST_ENV = saved.env;
    process.env.PAYRAIL_TEST_DATABASE_URL = saved.url;
  }
}
