#!/usr/bin/env node
// Webhook delivery throughput and lag, all local: payments through the edge (official Stripe SDK), each
// one's `payment_intent.succeeded` delivered to every endpoint of the merchant, on loopback receivers.
// Phases with 1, 10 and 100 endpoints; from 10 on, one of them is slow (answers after --slow-ms).
// Lag is from sending the create+confirm call (an upper bound on its commit) to the receiver getting
// the delivery that it answers 200.
// Embedded:    npm run build && npm run bench:webhooks
// Distributed: DATABASE_URL=… KAFKA_BROKERS=… npm run bench:webhooks
// Then a drain phase that measures the dispatcher alone, not how fast payments are made: every receiver
// holds its answers while --drain-payments payments are made (each owed to --drain-endpoints endpoints),
// then answers everything at once; deliveries/s is from that release to the last 200, and lag is from the
// release to each 200.
// Options: --payments N per phase (default 60), --concurrency C (default 4), --endpoints 1,10,100,
// --slow-ms S (default 2000), --drain-payments P (default 20; 0 skips the phase), --drain-endpoints E (default 100).
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { percentile, startBenchPlatform } from './bench-platform.mjs';

const { values } = parseArgs({
  options: {
    payments: { type: 'string', default: '60' },
    concurrency: { type: 'string', default: '4' },
    endpoints: { type: 'string', default: '1,10,100' },
    'slow-ms': { type: 'string', default: '2000' },
    'drain-payments': { type: 'string', default: '20' },
    'drain-endpoints': { type: 'string', default: '100' },
  },
});
const payments = Number(values.payments);
const concurrency = Number(values.concurrency);
const slowMs = Number(values['slow-ms']);
const phases = values.endpoints.split(',').map(Number);
const drainPayments = Number(values['drain-payments']);
const drainEndpoints = Number(values['drain-endpoints']);
/** Held requests must not time out while the backlog is built: the dispatcher gets a long request timeout. */
const HOLD_TIMEOUT_MS = 60_000;

/** Loopback endpoints: `/fast-<n>` answers at once, `/slow` after slowMs; records when each delivery came. */
const arrivals = [];
/** While set, `/drain-<n>` requests wait here unanswered; each records when it was answered 200. */
let held = null;
const drained = [];
const receiver = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const at = performance.now();
    const answer = () => res.writeHead(200).end('{"received":true}');
    try {
      const event = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      arrivals.push({ path: req.url, intent: event.data?.object?.id, at });
    } catch {
      // not a delivery
    }
    if (req.url === '/slow') setTimeout(answer, slowMs);
    else if (req.url.startsWith('/drain-')) {
      const answerDrain = () => {
        drained.push(performance.now());
        answer();
      };
      if (held) held.push(answerDrain);
      else answerDrain();
    } else answer();
  });
});
await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${receiver.address().port}`;

const { platform, stripe, stop } = await startBenchPlatform('bench-webhooks', { PAYRAIL_WEBHOOK_TIMEOUT_MS: String(HOLD_TIMEOUT_MS) });

async function replaceEndpoints(paths) {
  const existing = await stripe.webhookEndpoints.list({ limit: 100 });
  await Promise.all(existing.data.map((endpoint) => stripe.webhookEndpoints.del(endpoint.id)));
  for (const path of paths) await stripe.webhookEndpoints.create({ url: `${base}${path}`, enabled_events: ['payment_intent.succeeded'] });
}

async function createPayments(count, onCreated = () => {}) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next += 1;
        const sent = performance.now();
        const intent = await stripe.paymentIntents.create({ amount: 2000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
        onCreated(intent.id, sent, performance.now());
      }
    }),
  );
}

async function drainPhase() {
  await replaceEndpoints(Array.from({ length: drainEndpoints }, (_, n) => `/drain-${n}`));
  drained.length = 0;
  held = [];
  const created = performance.now();
  await createPayments(drainPayments);
  const expected = drainPayments * drainEndpoints;
  // The last payments' events are consumed (and their deliveries recorded) shortly after the API answers.
  const secondsToCreate = (performance.now() - created) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const release = held;
  held = null;
  const released = performance.now();
  const heldCount = release.length;
  for (const answer of release) answer();
  const deadline = performance.now() + 300_000;
  while (drained.length < expected && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  const lags = drained.map((at) => at - released);
  const seconds = (Math.max(...drained) - released) / 1000;
  console.log(
    `drain: ${drainEndpoints} endpoints x ${drainPayments} payments (made in ${secondsToCreate.toFixed(1)} s, ${heldCount} requests held)  ` +
      `${drained.length}/${expected} delivered in ${seconds.toFixed(1)} s after release  ${(drained.length / seconds).toFixed(1)} deliveries/s  ` +
      `lag from release p50 ${percentile(lags, 50).toFixed(0)} ms  p99 ${percentile(lags, 99).toFixed(0)} ms`,
  );
}

async function phase(endpointCount) {
  const slow = endpointCount >= 10;
  const paths = Array.from({ length: endpointCount }, (_, n) => (slow && n === 0 ? '/slow' : `/fast-${n}`));
  await replaceEndpoints(paths);
  arrivals.length = 0;

  const sentAt = new Map();
  const answeredAt = new Map();
  const started = performance.now();
  await createPayments(payments, (id, sent, answered) => {
    sentAt.set(id, sent);
    answeredAt.set(id, answered);
  });
  const fastPaths = paths.filter((path) => path !== '/slow');
  const expected = payments * fastPaths.length;
  const fastArrivals = () => arrivals.filter((arrival) => arrival.path !== '/slow' && sentAt.has(arrival.intent));
  const deadline = performance.now() + 180_000;
  while (fastArrivals().length < expected && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  const delivered = fastArrivals();
  const lastAt = Math.max(...delivered.map((arrival) => arrival.at));
  const lags = delivered.map((arrival) => arrival.at - sentAt.get(arrival.intent));
  // From the API's answer instead: a lower bound, without the payment's own latency.
  const afterAnswer = delivered.map((arrival) => arrival.at - answeredAt.get(arrival.intent));
  const seconds = (lastAt - started) / 1000;
  const slowCount = arrivals.filter((arrival) => arrival.path === '/slow').length;
  console.log(
    `${String(endpointCount).padStart(3)} endpoint(s)${slow ? ' (1 slow)' : '         '}  ${delivered.length}/${expected} fast deliveries in ${seconds.toFixed(1)} s  ` +
      `${(delivered.length / seconds).toFixed(1)} deliveries/s  lag p50 ${percentile(lags, 50).toFixed(0)} ms  p99 ${percentile(lags, 99).toFixed(0)} ms` +
      ` (after the API answered: p50 ${percentile(afterAnswer, 50).toFixed(0)} ms, p99 ${percentile(afterAnswer, 99).toFixed(0)} ms)` +
      (slow ? `  (slow endpoint got ${slowCount}/${payments} so far)` : ''),
  );
}

try {
  console.log(`runtime: ${platform.mode}, ${payments} payments per phase at concurrency ${concurrency}, one payment_intent.succeeded per payment per endpoint`);
  for (const count of phases) await phase(count);
  if (drainPayments > 0) await drainPhase();
} finally {
  await stop();
  receiver.closeAllConnections();
  receiver.close();
}
