#!/usr/bin/env node
// Throughput and latency of create+confirm (one `confirm: true` call, as a server integration makes it)
// through the edge, with the official Stripe SDK.
// Embedded:    npm run build && npm run bench:payments
// Distributed: DATABASE_URL=… KAFKA_BROKERS=… npm run bench:payments   (six service processes)
// Options: --iterations N (default 300), --concurrency C (default 8).
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { percentile, startBenchPlatform } from './bench-platform.mjs';

const { values } = parseArgs({ options: { iterations: { type: 'string', default: '300' }, concurrency: { type: 'string', default: '8' } } });
const iterations = Number(values.iterations);
const concurrency = Number(values.concurrency);

const { platform, stripe, stop } = await startBenchPlatform('bench-payments');
const latencies = [];
let failures = 0;
async function payment() {
  const started = performance.now();
  const intent = await stripe.paymentIntents.create({ amount: 2000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
  if (intent.status !== 'succeeded') failures += 1;
  latencies.push(performance.now() - started);
}

try {
  for (let i = 0; i < 5; i++) await payment(); // warm-up, not counted
  latencies.splice(0);
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next++ < iterations) await payment();
  }));
  const seconds = (performance.now() - started) / 1000;
  console.log(`runtime: ${platform.mode}, ${iterations} payments, concurrency ${concurrency}, ${failures} not succeeded`);
  console.log(`create+confirm  p50 ${percentile(latencies, 50).toFixed(1)} ms   p99 ${percentile(latencies, 99).toFixed(1)} ms`);
  console.log(`throughput: ${(iterations / seconds).toFixed(1)} payments/s`);
} finally {
  await stop();
}
