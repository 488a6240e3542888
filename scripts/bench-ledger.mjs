#!/usr/bin/env node
// Transfers/s with every transfer hitting the same two accounts (the hot-account case), and balance
// reads/s with their latency, through the edge's HTTP API; the ledger's invariants are checked after.
// Beside them, in the same run, the "path floor": `GET /v1/balance`, a request that crosses the same
// common path (HTTP, authentication, rate limits, request log, the bus to the ledger and back) and costs
// the ledger one indexed read. From the platform's own metrics the bench then splits each phase's mean
// time into the edge's share (HTTP minus bus round trip) and the bus round trip to the ledger, and counts
// the ledger's SQL statements and commits per transfer (embedded Postgres's statistics).
// Embedded:    npm run build && npm run bench:ledger
// On Postgres: DATABASE_URL=… npm run bench:ledger                   (the all-in-one process on a real Postgres)
// Distributed: DATABASE_URL=… KAFKA_BROKERS=… npm run bench:ledger   (a process per service)
// Options: --transfers N (default 2000), --reads N (default 2000), --concurrency C (default 16),
// --cpu-prof DIR (a V8 CPU profile of every Node process of the platform, written to DIR when it stops).
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { checkLedger } from '../dist/apps/ledger/src/integrity/ledger-integrity.js';
import { jsonClient, machineCpuSeconds, percentile, platformCpuSeconds, startBenchPlatform } from './bench-platform.mjs';

const { values } = parseArgs({
  options: {
    transfers: { type: 'string', default: '2000' },
    reads: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '16' },
    'cpu-prof': { type: 'string' },
  },
});
const concurrency = Number(values.concurrency);
const { platform, secretKey, stop } = await startBenchPlatform('bench-ledger', { PAYRAIL_EDGE_METRICS: 'on' }, { cpuProfileDir: values['cpu-prof'] });
const { call, close: closeClient } = jsonClient(platform.baseUrl, { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/json' });

/** Sum and count of each HTTP route's and bus pattern's latency histogram, from the edge's /metrics. */
async function timings() {
  const text = await (await fetch(`${platform.baseUrl}/metrics`)).text();
  const sums = new Map();
  for (const line of text.split('\n')) {
    const match = /^payrail_(http|bus)_request_duration_seconds_(sum|count)\{([^}]*)\} ([0-9.e+-]+)$/.exec(line);
    if (!match) continue;
    const labels = Object.fromEntries([...match[3].matchAll(/(\w+)="([^"]*)"/g)].map(([, k, v]) => [k, v]));
    const key = match[1] === 'http' ? `${labels.method} ${labels.route}` : labels.pattern;
    const entry = sums.get(key) ?? { sum: 0, count: 0 };
    entry[match[2]] += Number(match[4]);
    sums.set(key, entry);
  }
  return sums;
}

/** Mean ms of `key` between two scrapes. */
function meanMs(before, after, key) {
  const a = after.get(key) ?? { sum: 0, count: 0 };
  const b = before.get(key) ?? { sum: 0, count: 0 };
  return a.count > b.count ? ((a.sum - b.sum) / (a.count - b.count)) * 1000 : NaN;
}

/** A phase's mean split, and what the database did per request during it. */
async function split(label, before, route, pattern, requests) {
  const after = await timings();
  const statistics = await databaseStatistics();
  const http = meanMs(before, after, route);
  const bus = meanMs(before, after, pattern);
  console.log(`  ${label.padEnd(14)} mean ${http.toFixed(1)} ms at the edge = ${(http - bus).toFixed(1)} ms edge's own + ${bus.toFixed(1)} ms bus round trip to the ledger (${pattern})`);
  const per = (key) => ((statistics[key] - before.statistics[key]) / requests).toFixed(1);
  console.log(`  ${''.padEnd(14)} per request, the whole platform: ${per('commits')} transactions, ${per('written')} rows written (the ledger's schema: ${per('ledgerWritten')}); the statistics lag a little: a rough count`);
  const cpu = platformCpuSeconds(platform);
  if (cpu && before.cpu) {
    const ms = (key) => (((cpu[key] - before.cpu[key]) * 1000) / requests).toFixed(2);
    console.log(`  ${''.padEnd(14)} CPU per request, the whole platform: ${ms('total')} ms (its main threads: ${ms('mainThreads')} ms), until the phase's last answer`);
  }
  const machine = machineCpuSeconds();
  if (cpu && before.cpu && machine && before.machine) {
    const used = (key) => machine[key] - before.machine[key];
    const ms = (seconds) => ((seconds * 1000) / requests).toFixed(2);
    const platformSeconds = cpu.total - before.cpu.total;
    const rest = used('busy') - platformSeconds - used('postgres') - used('bench');
    console.log(`  ${''.padEnd(14)} the machine's CPUs were busy ${((100 * used('busy')) / used('available')).toFixed(0)}% of the time; per request ${ms(used('busy'))} ms: the platform ${ms(platformSeconds)}, Postgres ${ms(used('postgres'))}, this bench ${ms(used('bench'))}, the rest (kernel, other processes) ${ms(rest)}`);
  }
}

/**
 * Waits (at most a minute) until nothing the platform's metrics show is queued: consumer lag, outbox backlog
 * and pending webhook deliveries all 0. Answers how long it waited. Embedded, the edge's /metrics covers every
 * service; distributed, only the edge's own.
 */
async function untilIdle() {
  const started = performance.now();
  while (performance.now() - started < 60_000) {
    const text = await (await fetch(`${platform.baseUrl}/metrics`)).text();
    const queued = text
      .split('\n')
      .filter((line) => /^payrail_(consumer_lag_events|outbox_backlog|webhook_pending_deliveries)[{ ]/.test(line))
      .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
    if (queued === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return performance.now() - started;
}

/** Both scrapes a phase is measured between. */
async function mark() {
  return Object.assign(await timings(), { statistics: await databaseStatistics(), cpu: platformCpuSeconds(platform), machine: machineCpuSeconds() });
}

async function measure(label, count, unit, work, workers = concurrency) {
  await Promise.all(Array.from({ length: workers }, async () => {
    for (let i = 0; i < 3; i++) await work();
  }));
  const latencies = [];
  const outcomes = new Map();
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: workers }, async () => {
    while (next < count) {
      next += 1;
      const sent = performance.now();
      const outcome = await work();
      latencies.push(performance.now() - sent);
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  const ended = [...outcomes].map(([outcome, n]) => `${outcome} ${n}`).join(', ');
  console.log(`${label.padEnd(16)} ${latencies.length} ${unit} in ${seconds.toFixed(1)} s   ${(latencies.length / seconds).toFixed(1)} ${unit}/s   p50 ${percentile(latencies, 50).toFixed(1)} ms   p99 ${percentile(latencies, 99).toFixed(1)} ms   (${ended})`);
}

/** The bench's own connection to the platform's database: statistics, then the ledger check. */
let client;
try {
  // The merchant's test accounts are opened when the ledger hears of it.
  for (let tries = 0; (await call('GET', '/v1/accounts/test_acc_001')).status !== 200; tries++) {
    if (tries > 150) throw new Error('the sandbox accounts never appeared');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  console.log(`runtime: ${platform.mode}, concurrency ${concurrency}; every transfer test_acc_001 → test_acc_002 (RTP, 1 cent)`);
  client = new pg.Client({ connectionString: platform.databaseUrl });
  await client.connect();
  const warmed = (count) => count + 3 * concurrency;
  let before = await mark();
  await measure('path floor', Number(values.reads), 'reads', async () => String((await call('GET', '/v1/balance')).status));
  await split('path floor', before, 'GET /v1/balance', 'ledger.balance.retrieve', warmed(Number(values.reads)));
  before = await mark();
  await measure('hot transfers', Number(values.transfers), 'transfers', async () => {
    const { status, body } = await call('POST', '/v1/transfers', { from_account: 'test_acc_001', to_account: 'test_acc_002', payment_type: 'RTP', amount: 1 });
    return status === 200 ? body.status : `${status} ${body.error?.code}`;
  });
  await split('hot transfers', before, 'POST /v1/transfers', 'ledger.transfer.create', warmed(Number(values.transfers)));
  before = await mark();
  await measure('balance reads', Number(values.reads), 'reads', async () => {
    const { status } = await call('GET', '/v1/accounts/test_acc_002/balance');
    return String(status);
  });
  await split('balance reads', before, 'GET /v1/accounts/:id/balance', 'ledger.account.retrieve', warmed(Number(values.reads)));
  // At c64 a read's latency is mostly its wait behind the 63 others; one at a time, once the transfers'
  // follow-on work (events, webhooks, outbox) is done, shows the read path's own.
  const settled = await untilIdle();
  console.log(`  (the platform was idle ${(settled / 1000).toFixed(1)} s after the last read)`);
  await measure('balance reads c1', Math.min(500, Number(values.reads)), 'reads', async () => {
    const { status } = await call('GET', '/v1/accounts/test_acc_002/balance');
    return String(status);
  }, 1);
  const report = await checkLedger({ query: async (sql, parameters) => (await client.query(sql, parameters)).rows });
  await client.end();
  console.log(`ledger check: ${report.entries} entries, ${report.postings} postings, ${report.problems.length === 0 ? 'every balance equals its postings, every currency sums to zero' : report.problems.join('; ')}`);
  if (report.problems.length > 0) process.exitCode = 1;
} finally {
  closeClient();
  await stop();
}

/** Transactions (a lone statement is one) and rows written so far, in the whole database and in the ledger's schema. */
async function databaseStatistics() {
  const [database] = (await client.query(`SELECT xact_commit::float8 AS commits, (tup_inserted + tup_updated + tup_deleted)::float8 AS written FROM pg_stat_database WHERE datname = current_database()`)).rows;
  const [ledger] = (await client.query(`SELECT COALESCE(SUM(n_tup_ins + n_tup_upd + n_tup_del), 0)::float8 AS written FROM pg_stat_all_tables WHERE schemaname = 'ledger'`)).rows;
  return { commits: database.commits, written: database.written, ledgerWritten: ledger.written };
}
