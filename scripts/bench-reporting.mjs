#!/usr/bin/env node
// The reporting summary's latency for a big merchant: loads N balance transactions (default 200k: charges,
// refunds and disputes in usd and eur spread evenly over the last 30 days) straight into the ledger's tables by SQL, then
// times GET /v1/reporting/summary through the edge. The goal: under 100 ms at a million payments.
// Embedded:    npm run build && npm run bench:reporting
// Distributed: DATABASE_URL=… KAFKA_BROKERS=… npm run bench:reporting
// Options: --rows N (default 200000), --requests N (default 200), --concurrency C (default 1).
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { percentile, startBenchPlatform } from './bench-platform.mjs';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '200000' },
    requests: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '1' },
  },
});
const rows = Number(values.rows);
const { platform, secretKey, stripe, stop } = await startBenchPlatform('bench-reporting');

try {
  // One real payment, to learn the merchant's id as the ledger keeps it.
  const intent = await stripe.paymentIntents.create({ amount: 1_000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
  const client = new pg.Client({ connectionString: platform.databaseUrl });
  await client.connect();
  let merchantId;
  for (let tries = 0; !merchantId; tries++) {
    if (tries > 150) throw new Error('the payment never reached the ledger');
    merchantId = (await client.query(`SELECT "merchant_id" FROM "ledger"."balance_transactions" WHERE "source" = $1`, [intent.latest_charge])).rows[0]?.merchant_id;
    if (!merchantId) await new Promise((resolve) => setTimeout(resolve, 200));
  }

  const loading = performance.now();
  for (let from = 0; from < rows; from += 50_000) {
    const to = Math.min(rows, from + 50_000) - 1;
    // Row i: a charge mostly, every 10th a refund, every 50th a dispute; spread over the last 30 days.
    await client.query(`INSERT INTO "ledger"."journal_entries" ("id", "merchant_id", "livemode", "kind", "source_key", "created_at")
      SELECT 'je_bench_' || i, $1, false, 'charge', 'bench:' || i, now() - (i::bigint * 2592000 / $4) * interval '1 second' FROM generate_series($2::int, $3::int) AS i`, [merchantId, from, to, rows]);
    await client.query(`INSERT INTO "ledger"."balance_transactions"
        ("id", "merchant_id", "livemode", "entry_id", "type", "reporting_category", "source", "amount", "fee", "net", "currency", "status", "available_on", "created_at")
      SELECT 'txn_bench_' || i, $1, false, 'je_bench_' || i, t.type, t.category, 'src_bench_' || i, t.amount, t.fee, t.amount - t.fee,
             CASE WHEN i % 3 = 0 THEN 'eur' ELSE 'usd' END, 'available', now(), now() - (i::bigint * 2592000 / $4) * interval '1 second'
        FROM generate_series($2::int, $3::int) AS i,
        LATERAL (SELECT CASE WHEN i % 50 = 0 THEN 'adjustment' WHEN i % 10 = 0 THEN 'refund' ELSE 'charge' END AS type,
                        CASE WHEN i % 50 = 0 THEN 'dispute' WHEN i % 10 = 0 THEN 'refund' ELSE 'charge' END AS category,
                        CASE WHEN i % 50 = 0 THEN -2000 WHEN i % 10 = 0 THEN -1000 ELSE 5000 END::bigint AS amount,
                        CASE WHEN i % 10 = 0 THEN 0 ELSE 175 END::bigint AS fee) AS t`, [merchantId, from, to, rows]);
  }
  await client.query(`ANALYZE "ledger"."balance_transactions"`);
  await client.end();
  console.log(`runtime: ${platform.mode}; loaded ${rows} balance transactions in ${((performance.now() - loading) / 1000).toFixed(1)} s`);

  const headers = { Authorization: `Bearer ${secretKey}` };
  const ask = async () => {
    const response = await fetch(`${platform.baseUrl}/v1/reporting/summary`, { headers });
    const body = await response.json();
    if (response.status !== 200) throw new Error(`summary answered ${response.status}: ${JSON.stringify(body)}`);
    return body;
  };
  const first = await ask();
  const counted = first.currencies.reduce((sum, entry) => sum + entry.charges_succeeded.count + entry.refunds.count + entry.disputes.count, 0);
  console.log(`summary counts ${counted} movements (${rows + 1} loaded)`);
  // Whole days come from the daily rollup, the ends from the rows: together they must count every row once.
  if (counted !== rows + 1) process.exitCode = 1;
  const latencies = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: Number(values.concurrency) }, async () => {
    while (next < Number(values.requests)) {
      next += 1;
      const sent = performance.now();
      await ask();
      latencies.push(performance.now() - sent);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  console.log(`summary          ${latencies.length} requests in ${seconds.toFixed(1)} s   p50 ${percentile(latencies, 50).toFixed(1)} ms   p99 ${percentile(latencies, 99).toFixed(1)} ms   (concurrency ${values.concurrency})`);
} finally {
  await stop();
}
