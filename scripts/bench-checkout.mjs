#!/usr/bin/env node
// The hosted checkout page as a customer gets it: its weight and how soon it is interactive, in Debian's
// chromium (PAYRAIL_CHROMIUM, default /usr/bin/chromium), then one payment through it. Goal: < 100 kB, < 300 ms.
// Embedded:    npm run build && npm run bench:checkout
// Distributed: DATABASE_URL=… KAFKA_BROKERS=… npm run bench:checkout
// Options: --iterations N (default 20).
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { percentile, startBenchPlatform } from './bench-platform.mjs';

const { values } = parseArgs({ options: { iterations: { type: 'string', default: '20' } } });
const iterations = Number(values.iterations);

const { platform, stripe, stop } = await startBenchPlatform('bench-checkout');
const browser = await chromium.launch({ executablePath: process.env.PAYRAIL_CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
// The merchant's site, where success_url leads.
const shop = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Thanks</h1>'));
await new Promise((resolve) => shop.listen(0, '127.0.0.1', resolve));
const shopUrl = `http://127.0.0.1:${shop.address().port}`;
const session = () =>
  stripe.checkout.sessions.create({
    mode: 'payment',
    line_items: [{ price_data: { currency: 'usd', unit_amount: 2500, product_data: { name: 'Wireless Mouse' } }, quantity: 2 }],
    success_url: `${shopUrl}/success?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${shopUrl}/cancel`,
    customer_email: 'bench@example.com',
  });

/** One fresh visit (new context: no cache, no cookie): bytes of the page and milliseconds to interactive. */
async function visit(url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  const metrics = await page.evaluate(`(() => {
    const n = performance.getEntriesByType('navigation')[0];
    return { bytes: n.decodedBodySize, transferred: n.transferSize, ttfb: n.responseStart, interactive: n.domInteractive, resources: performance.getEntriesByType('resource').length };
  })()`);
  return { context, page, metrics };
}

try {
  const warm = await visit((await session()).url);
  await warm.context.close();
  const samples = [];
  for (let i = 0; i < iterations; i++) {
    const { context, metrics } = await visit((await session()).url);
    samples.push(metrics);
    await context.close();
  }
  const { context, page } = await visit((await session()).url);
  await page.getByLabel('Card number').fill('4242424242424242');
  await page.getByLabel('Expiry (MM / YY)').fill('12 / 34');
  await page.getByLabel('Security code (CVC)').fill('123');
  const started = performance.now();
  await Promise.all([page.waitForURL(`${shopUrl}/success?**`, { waitUntil: 'commit' }), page.getByRole('button', { name: /^Pay/ }).click()]);
  const payMs = performance.now() - started;
  await context.close();

  const of = (key) => samples.map((sample) => sample[key]);
  console.log(`runtime: ${platform.mode}, ${iterations} fresh visits in ${(await browser.version())}`);
  console.log(`page weight: ${Math.max(...of('bytes'))} bytes (${Math.max(...of('transferred'))} transferred), ${Math.max(...of('resources'))} sub-resources   goal < 100000`);
  console.log(`first byte:  p50 ${percentile(of('ttfb'), 50).toFixed(1)} ms   p99 ${percentile(of('ttfb'), 99).toFixed(1)} ms`);
  console.log(`interactive: p50 ${percentile(of('interactive'), 50).toFixed(1)} ms   p99 ${percentile(of('interactive'), 99).toFixed(1)} ms   goal < 300`);
  console.log(`pay (click → success_url): ${payMs.toFixed(1)} ms`);
} finally {
  await browser.close();
  shop.close();
  await stop();
}
