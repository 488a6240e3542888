#!/usr/bin/env node
// Throughput and latency of create+confirm (one `confirm: true` call, as a server integration makes it)
// through the edge, with the official Stripe SDK.
// Embedded:    npm run build && npm run bench:payments
// Distributed: DATABASE_URL=… KAFKA_BROKERS=… npm run bench:payments   (six service processes)
// Every run ends with the floor (bench-floor.mjs): a bare node:http endpoint committing the rows a payment
// commits in one transaction on the run's own database, driven by the same client loop and concurrency, and
// Payrail's share of it.
// Options: --iterations N (default 300) and --concurrency C (default 8) per phase; --seconds S caps
// each phase's measured part at S seconds (default: no cap).
// --stripe-mock: after the sandbox phase, a second phase through the Stripe connector against
// stripe-mock (installed with `go install github.com/stripe/stripe-mock@v0.203.0`), in the same run,
// and the overhead the connector adds over the sandbox.
// --cpu-prof DIR: a V8 CPU profile of every Node process of the platform, written to DIR when it stops.
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { startStripeMock, stripeClient } from '../dist/libs/testing/src/index.js';
import { startFloor } from './bench-floor.mjs';
import { percentile, startBenchPlatform } from './bench-platform.mjs';

const { values } = parseArgs({
  options: {
    iterations: { type: 'string', default: '300' },
    concurrency: { type: 'string', default: '8' },
    seconds: { type: 'string', default: '0' },
    'stripe-mock': { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
  },
});
const iterations = Number(values.iterations);
const concurrency = Number(values.concurrency);
const maxSeconds = Number(values.seconds);

const mock = values['stripe-mock'] ? await startStripeMock() : null;
const settings = mock ? { PAYRAIL_STRIPE_API_BASE: mock.url } : {};
const { platform, stripe, secretKey, stop } = await startBenchPlatform('bench-payments', settings, { cpuProfileDir: values['cpu-prof'] }).catch(async (error) => {
  await mock?.stop();
  throw error;
});

/** How a create+confirm ended: the intent's status, or the error code the edge answered with. */
async function payment(client) {
  try {
    return (await client.paymentIntents.create({ amount: 2000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true })).status;
  } catch (error) {
    return error?.code ?? error?.type ?? 'error';
  }
}

async function phase(label, client = stripe) {
  // Warm-up at the phase's concurrency, not counted: the first calls of a path pay for JIT and connection set-up.
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let i = 0; i < 3; i++) await payment(client);
  }));
  const latencies = [];
  const outcomes = new Map();
  let next = 0;
  const started = performance.now();
  const deadline = maxSeconds > 0 ? started + maxSeconds * 1000 : Infinity;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < iterations && performance.now() < deadline) {
      next += 1;
      const sent = performance.now();
      const outcome = await payment(client);
      latencies.push(performance.now() - sent);
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  const result = { label, count: latencies.length, p50: percentile(latencies, 50), p99: percentile(latencies, 99), throughput: latencies.length / seconds };
  const ended = [...outcomes].map(([outcome, count]) => `${outcome} ${count}`).join(', ');
  console.log(`${label.padEnd(8)} ${result.count} payments in ${seconds.toFixed(1)} s   p50 ${result.p50.toFixed(1)} ms   p99 ${result.p99.toFixed(1)} ms   ${result.throughput.toFixed(1)} payments/s   (${ended})`);
  return result;
}

/** The sandbox merchant's payments go to Stripe from now on: its one gateway account, with a key stripe-mock takes. */
async function routeThroughStripe() {
  const response = await fetch(`${platform.baseUrl}/v1/gateway_accounts`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ gateway: 'stripe', 'credentials[secret_key]': 'sk_test_payrailBench0000' }).toString(),
  });
  if (response.status !== 200) throw new Error(`Configuring the Stripe gateway account failed: ${response.status} ${await response.text()}`);
}

try {
  console.log(`runtime: ${platform.mode}, up to ${iterations} payments per phase${maxSeconds > 0 ? ` or ${maxSeconds} s` : ''}, concurrency ${concurrency}, create+confirm in one call`);
  const sandbox = await phase('sandbox');
  if (mock) {
    await routeThroughStripe();
    const viaStripe = await phase('stripe');
    console.log(`stripe-mock (${mock.url}) answers from fixtures: its confirmed PaymentIntent comes back \`requires_payment_method\`, which the connector maps to a decline, so these payments end card_declined. The round trip (edge → payments → connector → Stripe API → outcome recorded) is measured all the same; a decline and a success do not record quite the same work, so read the difference as approximate.`);
    const added = (p) => `${viaStripe[p] >= sandbox[p] ? '+' : '−'}${Math.abs(viaStripe[p] - sandbox[p]).toFixed(1)} ms (×${(viaStripe[p] / sandbox[p]).toFixed(2)})`;
    console.log(`Stripe connector over the sandbox: p50 ${added('p50')}, p99 ${added('p99')}, throughput ×${(viaStripe.throughput / sandbox.throughput).toFixed(2)}`);
  }
  const floor = await startFloor(platform.databaseUrl, concurrency);
  try {
    const bare = await phase('floor', stripeClient(secretKey, floor.url));
    console.log(`Payrail (sandbox) / floor: ${(100 * sandbox.throughput / bare.throughput).toFixed(1)} % of the floor's payments/s; p50 ×${(sandbox.p50 / bare.p50).toFixed(1)}, p99 ×${(sandbox.p99 / bare.p99).toFixed(1)} the floor's`);
  } finally {
    await floor.stop();
  }
} finally {
  await stop();
  await mock?.stop();
}
