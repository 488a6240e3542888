#!/usr/bin/env node
// `npm run observability:live` (after `npm run build`): the Grafana dashboard and the alert rules in
// k8s/observability against a live run. Builds (once) a real Prometheus, starts the embedded platform with the
// edge's /metrics on (the all-in-one has one registry for every service, served there), has Prometheus scrape
// it every --scrape seconds while a load runs for --seconds, then evaluates every panel target (template
// variables substituted as Grafana does) and every alert rule over the run, prints a table, and exits 1 when a
// panel the load should move shows no data, an expression does not evaluate, or an alert does not hold as the
// load should make it. `promtool check rules` checks the alert file first. --out page.html writes the panels as
// charts (and --screenshot page.png has headless Chromium take a picture of it). See k8s/observability/README.md.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import Stripe from 'stripe';
import { startAllInOne, stopProcess } from '../dist/libs/testing/src/index.js';
import {
  ALERTS_THE_LOAD_TRIGGERS,
  PANEL_EXPECTATIONS,
  TABLE_HEADER,
  alertConditions,
  formatRow,
  grafanaVariables,
  judgePanel,
  legend,
  rangeStats,
  substitute,
} from './observability-live/evaluate.mjs';
import { driveLoad, startWebhookReceiver } from './observability-live/load.mjs';
import { prometheusBinaries } from './observability-live/prometheus-binary.mjs';
import { startPrometheus } from './observability-live/prometheus-server.mjs';
import { writeSnapshot } from './observability-live/snapshot.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DASHBOARD = join(ROOT, 'k8s/observability/payrail-dashboard.json');
const ALERTS = join(ROOT, 'k8s/observability/payrail-alerts.yaml');
const STATUS_READ_LIMIT = 120;

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    scrape: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '3' },
    'prometheus-version': { type: 'string', default: 'v0.316.0' },
    out: { type: 'string' },
    screenshot: { type: 'string' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
  },
});
const seconds = Number(values.seconds);
const scrapeSeconds = Number(values.scrape);
const stepSeconds = scrapeSeconds;
const log = (line) => console.log(`[observability] ${line}`);
const run = promisify(execFile);
const began = Date.now();

const binaries = await prometheusBinaries(ROOT, values['prometheus-version'], log);
log(`${binaries.built ? 'built' : 'cached'} Prometheus in ${binaries.dir} (${((Date.now() - began) / 1000).toFixed(0)} s)`);
const promtool = await run(binaries.promtool, ['check', 'rules', ALERTS]).then(
  ({ stdout }) => ({ ok: true, text: stdout.trim() }),
  (error) => ({ ok: false, text: `${error.stdout ?? ''}${error.stderr ?? ''}`.trim() }),
);
log(`promtool check rules: ${promtool.ok ? 'ok' : 'FAILED'}\n${promtool.text}`);

const work = await mkdtemp(join(tmpdir(), 'payrail-observability-'));
const receiver = await startWebhookReceiver();
const cleanups = [() => receiver.close(), () => rm(work, { recursive: true, force: true })];
let failed = !promtool.ok;
try {
  const platform = await startAllInOne('observability-live', {
    DATABASE_URL: '',
    KAFKA_BROKERS: '',
    PAYRAIL_DATA_DIR: join(work, 'platform'),
    PAYRAIL_EDGE_METRICS: 'on',
    // The load makes more payments than the documented per-key limit allows; reads keep a low limit for the burst.
    PAYRAIL_RATE_LIMITS: `payment_creation=1000000,default=1000000,status_read=${STATUS_READ_LIMIT}`,
    // Retries within the run, so that the failing endpoint's deliveries go from `retry` to `failed`.
    PAYRAIL_WEBHOOK_RETRY_SCHEDULE_MS: '1000,2000,4000',
  });
  cleanups.unshift(() => stopProcess(platform.processes[0]));
  const credentials = JSON.parse(await readFile(join(platform.dataDir, 'sandbox-credentials.json'), 'utf8'));
  const edge = new URL(platform.baseUrl);
  // No retries (a 429 must show as one), and no client telemetry: its buffer overflows under this load and warns.
  const stripe = new Stripe(credentials.secret_key, { host: edge.hostname, port: Number(edge.port), protocol: 'http', maxNetworkRetries: 0, telemetry: false });
  log(`platform up at ${platform.baseUrl} in ${(platform.startupMs / 1000).toFixed(1)} s`);

  const prometheus = await startPrometheus({
    binary: binaries.prometheus,
    work,
    target: edge.host,
    metricsPath: '/metrics',
    scrapeSeconds,
    ruleFile: ALERTS,
  });
  cleanups.unshift(() => prometheus.stop());
  await prometheus.scraping();
  log(`Prometheus at ${prometheus.url} scraping ${edge.host}/metrics every ${scrapeSeconds} s; load for ${seconds} s`);

  const start = Date.now();
  const tally = await driveLoad({ stripe, receiver, seconds, concurrency: Number(values.concurrency), statusReadLimit: STATUS_READ_LIMIT, log });
  // Let the last retries, deliveries and scrapes land.
  await new Promise((resolve_) => setTimeout(resolve_, 8000 + 3 * scrapeSeconds * 1000));
  const end = Date.now();
  const summary =
    `${tally.payments} payments (${tally.declined} declined), ${tally.refunds} refunds, ${tally.missing} lookups answered 404, ` +
    `burst of ${tally.burst} reads with ${tally.refused} refused 429, ${tally.unexpected} unexpected answers; ` +
    `webhook receiver got ${receiver.received.ok} on /ok and ${receiver.received.failing} on /failing`;
  log(summary);
  if (tally.unexpected) failed = true;

  const window = { start, end, stepSeconds };
  const dashboard = JSON.parse(await readFile(DASHBOARD, 'utf8'));
  const variables = grafanaVariables({ stepSeconds, scrapeSeconds, rangeSeconds: Math.round((end - start) / 1000), dashboard });
  console.log(`\nDashboard "${dashboard.title}" over ${Math.round((end - start) / 1000)} s, step ${stepSeconds} s, $__rate_interval=${variables.__rate_interval}`);
  console.log(TABLE_HEADER);
  const panels = [];
  for (const panel of dashboard.panels) {
    const expectation = PANEL_EXPECTATIONS[panel.title] ?? 'moves';
    const targets = [];
    for (const target of panel.targets ?? []) {
      const expr = substitute(target.expr, variables);
      const stats = await rangeStats(prometheus, expr, window).catch((error) => ({ error: error.message, series: [], count: 0 }));
      targets.push({ expr, legendFormat: target.legendFormat, stats });
    }
    const merged = {
      count: targets.reduce((n, t) => n + t.stats.count, 0),
      ...['min', 'max', 'last'].reduce((acc, key) => {
        const found = targets.map((t) => t.stats[key]).filter((v) => v !== undefined);
        return { ...acc, [key]: found.length ? (key === 'min' ? Math.min(...found) : Math.max(...found)) : undefined };
      }, {}),
    };
    const errors = targets.filter((t) => t.stats.error);
    const judged = errors.length ? { ok: false, verdict: `QUERY ERROR: ${errors[0].stats.error}` } : judgePanel(expectation, merged);
    // A panel with several targets: each one the load should move must have data of its own.
    const emptyTarget = expectation !== 'quiet' && !errors.length && targets.find((t) => t.stats.count === 0);
    const verdict = emptyTarget && judged.ok ? { ok: false, verdict: `NO DATA for ${emptyTarget.legendFormat ?? emptyTarget.expr}` } : judged;
    const peakTarget = targets.find((t) => t.stats.count && t.stats.max === merged.max);
    const peak = peakTarget ? `; peak: ${legend(peakTarget.legendFormat, peakTarget.stats.peak)}` : '';
    console.log(formatRow(panel.title, merged, `${verdict.verdict}${peak}`));
    for (const target of targets) console.log(`    ${target.expr}`);
    panels.push({ title: panel.title, targets, ...verdict });
    if (!verdict.ok) failed = true;
  }

  const { groups } = await prometheus.api('rules', { type: 'alert' });
  console.log(`\nAlert rules (condition over the run; "signal" is the expression without its threshold)`);
  console.log(TABLE_HEADER);
  const alerts = [];
  for (const rule of groups.flatMap((group) => group.rules)) {
    const condition = await rangeStats(prometheus, rule.query, window).catch((error) => ({ error: error.message, series: [], count: 0 }));
    const holds = condition.count > 0;
    const expected = ALERTS_THE_LOAD_TRIGGERS.has(rule.name);
    const ok = rule.health === 'ok' && !condition.error && holds === expected;
    const verdict = condition.error
      ? `QUERY ERROR: ${condition.error}`
      : `health ${rule.health}${rule.lastError ? ` (${rule.lastError})` : ''}, condition ${holds ? 'held' : 'never held'}${holds === expected ? '' : ' (UNEXPECTED)'}, state ${rule.state}`;
    console.log(formatRow(rule.name, condition, verdict));
    for (const { signal, comparison } of alertConditions(rule.query)) {
      const stats = await rangeStats(prometheus, signal, window).catch((error) => ({ error: error.message, series: [], count: 0 }));
      console.log(formatRow(`  signal ${comparison}`, stats, stats.error ? `QUERY ERROR: ${stats.error}` : ''));
      console.log(`    ${signal.replace(/\s+/g, ' ')}`);
    }
    alerts.push({ name: rule.name, health: rule.health, state: rule.state, firing: holds, verdict: ok ? 'ok' : 'UNEXPECTED' });
    if (!ok) failed = true;
  }

  if (values.out) {
    await writeSnapshot(values.out, { panels, alerts, window, summary });
    log(`snapshot written to ${values.out}`);
    if (values.screenshot) {
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({ executablePath: values.chromium });
      const page = await browser.newPage({ viewport: { width: 1260, height: 900 } });
      await page.goto(`file://${resolve(values.out)}`);
      await page.screenshot({ path: values.screenshot, fullPage: true });
      await browser.close();
      log(`screenshot written to ${values.screenshot}`);
    }
  }
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  for (const cleanup of cleanups) await cleanup();
}
log(`${failed ? 'FAILED' : 'passed'} in ${((Date.now() - began) / 1000).toFixed(0)} s`);
process.exit(failed ? 1 : 0);
