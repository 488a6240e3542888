#!/usr/bin/env node
// M-Pesa through the edge against the Daraja simulator: STK initiations per second (create+confirm of a
// KES PaymentIntent, answered `processing`), and the latency from Daraja's callback leaving the simulator
// to the PaymentIntent being `succeeded` in the database (p50/p99).
// Embedded:    npm run build && npm run bench:mpesa
// Distributed: DATABASE_URL=… KAFKA_BROKERS=… npm run bench:mpesa
// Options: --iterations N (default 200), --concurrency C (default 8), --delay MS (the customer's answer, default 200).
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { DarajaSimulator } from '../dist/apps/gateway-connectors/src/connectors/mpesa/simulator/daraja-simulator.js';
import { createMerchant, freePort } from '../dist/libs/testing/src/index.js';
import { percentile, startBenchPlatform } from './bench-platform.mjs';

const { values } = parseArgs({ options: { iterations: { type: 'string', default: '200' }, concurrency: { type: 'string', default: '8' }, delay: { type: 'string', default: '200' } } });
const iterations = Number(values.iterations);
const concurrency = Number(values.concurrency);
const account = { consumerKey: 'benchConsumerKey01', consumerSecret: 'benchConsumerSecret0123', shortcode: '174379', passkey: 'benchPasskey0123456789abcdef' };
const simulator = new DarajaSimulator([account], { callbackDelayMs: Number(values.delay) });
const simulatorUrl = await simulator.start();
// A fixed port, so that the embedded platform knows its public URL: Daraja's CallBackURL must be absolute.
const distributed = Boolean(process.env.DATABASE_URL && process.env.KAFKA_BROKERS);
const { platform, stop } = await startBenchPlatform('bench-mpesa', distributed ? {} : { PORT: String(await freePort()) });

async function api(key, path, form) {
  const response = await fetch(`${platform.baseUrl}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  const body = await response.json();
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(body)}`);
  return body;
}

try {
  // A merchant of its own, whose only M-Pesa account talks to this process's simulator.
  const { secret_key: key } = await createMerchant('M-Pesa bench');
  await api(key, '/v1/gateway_accounts', {
    gateway: 'mpesa',
    'credentials[consumer_key]': account.consumerKey,
    'credentials[consumer_secret]': account.consumerSecret,
    'credentials[shortcode]': account.shortcode,
    'credentials[passkey]': account.passkey,
    'credentials[environment]': 'sandbox',
    'credentials[api_base]': simulatorUrl,
  });
  const method = await api(key, '/v1/payment_methods', { type: 'mpesa', 'mpesa[phone_number]': '0708374149' });
  const initiate = () => api(key, '/v1/payment_intents', { amount: '10000', currency: 'kes', 'payment_method_types[]': 'mpesa', payment_method: method.id, confirm: 'true' });
  for (let i = 0; i < concurrency; i++) await initiate(); // warm-up, not counted

  const intents = [];
  const latencies = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < iterations) {
      next += 1;
      const sent = performance.now();
      const intent = await initiate();
      latencies.push(performance.now() - sent);
      intents.push(intent);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  console.log(`runtime: ${platform.mode}, ${iterations} STK pushes, concurrency ${concurrency}, customer answers after ${values.delay} ms`);
  console.log(`initiation  ${(intents.length / seconds).toFixed(1)} STK pushes/s   p50 ${percentile(latencies, 50).toFixed(1)} ms   p99 ${percentile(latencies, 99).toFixed(1)} ms`);

  const db = new pg.Client({ connectionString: platform.databaseUrl });
  await db.connect();
  const ids = intents.map((intent) => intent.id);
  const deadline = Date.now() + 60_000;
  let rows = [];
  do {
    await new Promise((resolve) => setTimeout(resolve, 500));
    rows = (await db.query(`SELECT id, status, updated_at FROM payments.payment_intents WHERE id = ANY($1)`, [ids])).rows;
  } while (rows.some((row) => row.status === 'processing') && Date.now() < deadline);
  // The CheckoutRequestID of each push, from the connector's pending record (a confirm may already answer `succeeded`).
  const pushes = new Map((await db.query(`SELECT source_id, gateway_reference FROM connectors.gateway_transactions WHERE source_id = ANY($1) AND outcome = 'pending'`, [ids])).rows.map((row) => [row.source_id, row.gateway_reference]));
  await db.end();
  const sentAt = new Map(simulator.deliveries.map((delivery) => [delivery.body.Body?.stkCallback?.CheckoutRequestID, delivery.sentAt]));
  const settled = [];
  for (const intent of intents) {
    const row = rows.find((candidate) => candidate.id === intent.id);
    const callbackAt = sentAt.get(pushes.get(intent.id));
    if (row?.status === 'succeeded' && callbackAt) settled.push(row.updated_at.getTime() - callbackAt);
  }
  console.log(`callback→succeeded  ${settled.length}/${intents.length} settled   p50 ${percentile(settled, 50)} ms   p99 ${percentile(settled, 99)} ms`);
} finally {
  await stop();
  await simulator.stop();
}
