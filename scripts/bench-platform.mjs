// What every bench script needs: the platform under test (all-in-one on the embedded Postgres; all-in-one on a
// real Postgres when DATABASE_URL alone is set; a process per service when DATABASE_URL and KAFKA_BROKERS are),
// a merchant's Stripe client, and percentiles.
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { join } from 'node:path';
import { createMerchant, openFreshDatabase, startAllInOne, startServiceProcesses, stopProcess, stripeClient } from '../dist/libs/testing/src/index.js';

const BENCH_RATE_LIMITS = ['payment_creation', 'mpesa_initiation', 'status_read', 'default', 'unauthenticated', 'failed_authentication']
  .map((name) => `${name}=100000000`)
  .join(',');

/**
 * `settings`: settings for every process of the platform (e.g. where the Stripe connector sends its calls).
 * `cpuProfileDir`: a V8 CPU profile of every Node process of the platform lands there when it stops.
 */
export async function startBenchPlatform(name, settings = {}, { cpuProfileDir } = {}) {
  // A bench measures throughput, one key far past the documented per-key limits: the buckets still run, refusing nothing.
  const extraEnv = { PAYRAIL_RATE_LIMITS: BENCH_RATE_LIMITS, ...settings };
  const distributed = Boolean(process.env.DATABASE_URL && process.env.KAFKA_BROKERS);
  const platform = distributed
    ? await startServiceProcesses(process.env.DATABASE_URL, process.env.KAFKA_BROKERS, { extraEnv, cpuProfileDir })
    : await startOneProcess(name, extraEnv, cpuProfileDir);
  process.env.PAYRAIL_TEST_DATABASE_URL = platform.databaseUrl;
  process.env.PAYRAIL_TEST_ENV = JSON.stringify(Object.fromEntries(Object.entries(platform.env).filter(([k]) => k.startsWith('PAYRAIL_'))));
  const credentials = distributed
    ? await createMerchant('Bench')
    : JSON.parse(await readFile(join(platform.dataDir, 'sandbox-credentials.json'), 'utf8'));
  return {
    platform,
    secretKey: credentials.secret_key,
    stripe: stripeClient(credentials.secret_key, platform.baseUrl),
    stop: async () => {
      await Promise.all(platform.processes.map((child) => stopProcess(child)));
      await platform.dropDatabase?.();
    },
  };
}

/** Every service in one process with the in-process transport: on the embedded Postgres, or on DATABASE_URL's (a fresh database of the run's own). */
async function startOneProcess(name, extraEnv, cpuProfileDir) {
  if (!process.env.DATABASE_URL) return startAllInOne(name, { ...extraEnv, DATABASE_URL: '', KAFKA_BROKERS: '' }, { cpuProfileDir });
  const database = await openFreshDatabase(process.env.DATABASE_URL, 'payrail_bench');
  try {
    const platform = await startAllInOne(name, { ...extraEnv, DATABASE_URL: database.url, KAFKA_BROKERS: '' }, { cpuProfileDir });
    return { ...platform, mode: 'all-in-one on Postgres', dropDatabase: database.stop };
  } catch (error) {
    await database.stop();
    throw error;
  }
}

export function percentile(list, p) {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * A JSON client of the platform for a bench's load: node:http on kept-alive sockets, one per concurrent
 * caller. The bench shares the machine with the platform, and Node's `fetch` costs about four times as
 * much CPU per request (measured beside a bare node:http server: ~2,700 requests/s against ~10,000 on
 * one thread), CPU the platform under test would otherwise have had.
 */
export function jsonClient(baseUrl, headers, sockets = 256) {
  const { hostname, port } = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  const call = (method, path, body) =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const request = http.request(
        { hostname, port, path, method, agent, headers: payload === undefined ? headers : { ...headers, 'Content-Length': Buffer.byteLength(payload) } },
        (response) => {
          const chunks = [];
          response.on('data', (chunk) => chunks.push(chunk));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: response.statusCode, body: text.length > 0 ? JSON.parse(text) : null });
          });
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(payload);
    });
  return { call, close: () => agent.destroy() };
}

/**
 * CPU seconds the platform's processes have used so far (all their threads: services, embedded Postgres,
 * GC), and their main threads' alone; from /proc, so null elsewhere. Divided by the requests of a phase it
 * is what each cost the platform, a figure a busy machine disturbs far less than requests per second.
 */
export function platformCpuSeconds(platform) {
  try {
    let total = 0;
    let mainThreads = 0;
    for (const { pid } of platform.processes) {
      total += cpuSecondsOf(`/proc/${pid}/stat`);
      mainThreads += cpuSecondsOf(`/proc/${pid}/task/${pid}/stat`);
    }
    return { total, mainThreads };
  } catch {
    return null;
  }
}

const CLOCK_TICKS_PER_SECOND = 100;

/**
 * The whole machine's CPU so far, from /proc (null elsewhere): its CPUs' busy and available seconds (time
 * stolen by the hypervisor is neither), the seconds of every process named `postgres` (a real Postgres on this
 * machine; the embedded one is inside the platform's process) and this bench's own. Beside the platform's,
 * they say whether a phase was bound by the platform or by the machine it shares with its database and its load.
 */
export function machineCpuSeconds() {
  try {
    // user nice system idle iowait irq softirq steal: the first line sums every CPU.
    const [user, nice, system, idle, iowait, irq, softirq] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const busy = (user + nice + system + irq + softirq) / CLOCK_TICKS_PER_SECOND;
    let postgres = 0;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) === 'postgres') postgres += cpuSecondsIn(stat);
      } catch {
        // Gone between the listing and the read.
      }
    }
    const bench = process.cpuUsage();
    return { busy, available: busy + (idle + iowait) / CLOCK_TICKS_PER_SECOND, postgres, bench: (bench.user + bench.system) / 1e6 };
  } catch {
    return null;
  }
}

function cpuSecondsOf(statFile) {
  return cpuSecondsIn(readFileSync(statFile, 'utf8'));
}

function cpuSecondsIn(stat) {
  // utime and stime are the 14th and 15th fields; the 2nd (the command) may hold spaces, so count from its ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}
