#!/usr/bin/env node
// Transfers/s with every transfer hitting the same two accounts (the hot-account case), and balance
// reads/s with their latency, through the edge's HTTP API; the ledger's invariants are checked after.
// Embedded:    npm run build && npm run bench:ledger
// Distributed: DATABASE_URL=… KAFKA_BROKERS=… npm run bench:ledger   (a process per service)
// Options: --transfers N (default 2000), --reads N (default 2000), --concurrency C (default 16).
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { checkLedger } from '../dist/apps/ledger/src/integrity/ledger-integrity.js';
import { percentile, startBenchPlatform } from './bench-platform.mjs';

const { values } = parseArgs({
  options: {
    transfers: { type: 'string', default: '2000' },
    reads: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '16' },
  },
});
const concurrency = Number(values.concurrency);
const { platform, secretKey, stop } = await startBenchPlatform('bench-ledger');
const headers = { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/json' };

async function call(method, path, body) {
  const response = await fetch(`${platform.baseUrl}${path}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
  return { status: response.status, body: await response.json() };
}

async function measure(label, count, unit, work) {
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let i = 0; i < 3; i++) await work();
  }));
  const latencies = [];
  const outcomes = new Map();
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
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

try {
  // The merchant's test accounts are opened when the ledger hears of it.
  for (let tries = 0; (await call('GET', '/v1/accounts/test_acc_001')).status !== 200; tries++) {
    if (tries > 150) throw new Error('the sandbox accounts never appeared');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  console.log(`runtime: ${platform.mode}, concurrency ${concurrency}; every transfer test_acc_001 → test_acc_002 (RTP, 1 cent)`);
  await measure('hot transfers', Number(values.transfers), 'transfers', async () => {
    const { status, body } = await call('POST', '/v1/transfers', { from_account: 'test_acc_001', to_account: 'test_acc_002', payment_type: 'RTP', amount: 1 });
    return status === 200 ? body.status : `${status} ${body.error?.code}`;
  });
  await measure('balance reads', Number(values.reads), 'reads', async () => {
    const { status } = await call('GET', '/v1/accounts/test_acc_002/balance');
    return String(status);
  });
  const client = new pg.Client({ connectionString: platform.databaseUrl });
  await client.connect();
  const report = await checkLedger({ query: async (sql, parameters) => (await client.query(sql, parameters)).rows });
  await client.end();
  console.log(`ledger check: ${report.entries} entries, ${report.postings} postings, ${report.problems.length === 0 ? 'every balance equals its postings, every currency sums to zero' : report.problems.join('; ')}`);
  if (report.problems.length > 0) process.exitCode = 1;
} finally {
  await stop();
}
