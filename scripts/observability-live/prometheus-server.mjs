// One Prometheus for the live run: scrapes the platform's /metrics every `scrapeSeconds`, loads the alert rules
// (so that their health shows what Prometheus itself makes of them), keeps its data in a throwaway folder, and
// answers PromQL through its HTTP API.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startPrometheus({ binary, work, target, metricsPath, scrapeSeconds, ruleFile }) {
  const port = await freePort();
  const interval = `${scrapeSeconds}s`;
  const config = [
    'global:',
    `  scrape_interval: ${interval}`,
    `  scrape_timeout: ${interval}`,
    `  evaluation_interval: ${interval}`,
    'rule_files:',
    `  - ${JSON.stringify(ruleFile)}`,
    'scrape_configs:',
    '  - job_name: payrail',
    `    metrics_path: ${JSON.stringify(metricsPath)}`,
    '    static_configs:',
    `      - targets: [${JSON.stringify(target)}]`,
    '',
  ].join('\n');
  await writeFile(join(work, 'prometheus.yml'), config);
  const log = createWriteStream(join(work, 'prometheus.log'));
  const child = spawn(
    binary,
    [
      `--config.file=${join(work, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(work, 'tsdb')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--storage.tsdb.retention.time=1d',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise((resolve) => child.once('exit', resolve));

  const api = async (path, params = {}) => {
    const response = await fetch(`${url}/api/v1/${path}?${new URLSearchParams(params)}`);
    const body = await response.json();
    if (body.status !== 'success') throw new Error(`${path}: ${body.errorType ?? response.status}: ${body.error ?? 'no answer'}`);
    return body.data;
  };

  for (let tries = 0; ; tries += 1) {
    if (child.exitCode !== null) throw new Error(`Prometheus exited (${child.exitCode}); see ${join(work, 'prometheus.log')}`);
    const ready = await fetch(`${url}/-/ready`).then((response) => response.ok, () => false);
    if (ready) break;
    if (tries > 150) throw new Error(`Prometheus not ready in 30 s; see ${join(work, 'prometheus.log')}`);
    await sleep(200);
  }

  return {
    url,
    api,
    /** Waits until the target has been scraped successfully at least once. */
    async scraping(timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        const { activeTargets } = await api('targets');
        if (activeTargets.some((t) => t.health === 'up')) return;
        await sleep(500);
      }
      const { activeTargets } = await api('targets');
      throw new Error(`Prometheus cannot scrape ${target}: ${activeTargets.map((t) => t.lastError).join('; ')}`);
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
