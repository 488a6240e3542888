#!/usr/bin/env node
// Measures the issue-2 flow (create → confirm → partial refund) through the edge.
// Embedded:    npm run build && npm run bench:flow
// Distributed: DATABASE_URL=… KAFKA_BROKERS=… npm run bench:flow   (six service processes)
// Options: --iterations N (default 50), --concurrency C (default 1).
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { percentile, startBenchPlatform } from './bench-platform.mjs';

const { values } = parseArgs({ options: { iterations: { type: 'string', default: '50' }, concurrency: { type: 'string', default: '1' } } });
const iterations = Number(values.iterations);
const concurrency = Number(values.concurrency);

const { platform, stripe, stop } = await startBenchPlatform('bench-embedded');
const timings = { create: [], confirm: [], refund: [], flow: [] };
async function flow() {
  const t0 = performance.now();
  const intent = await stripe.paymentIntents.create({ amount: 2000, currency: 'usd', allowed_payment_method_types: ['card'] });
  const t1 = performance.now();
  await stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' });
  const t2 = performance.now();
  await stripe.refunds.create({ payment_intent: intent.id, amount: 500 });
  const t3 = performance.now();
  timings.create.push(t1 - t0);
  timings.confirm.push(t2 - t1);
  timings.refund.push(t3 - t2);
  timings.flow.push(t3 - t0);
}

try {
  for (let i = 0; i < 3; i++) await flow(); // warm-up, not counted
  Object.values(timings).forEach((list) => list.splice(0));
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next++ < iterations) await flow();
  }));
  const elapsedSeconds = (performance.now() - started) / 1000;
  console.log(`runtime: ${platform.mode} (startup to healthy ${platform.startupMs} ms), iterations ${iterations}, concurrency ${concurrency}`);
  for (const [step, list] of Object.entries(timings)) {
    console.log(`${step.padEnd(8)} p50 ${percentile(list, 50).toFixed(1)} ms   p99 ${percentile(list, 99).toFixed(1)} ms`);
  }
  console.log(`throughput: ${(iterations / elapsedSeconds).toFixed(1)} flows/s`);
} finally {
  await stop();
}
