import { createServer } from 'node:net';
import { checkReadiness } from '../health/readiness.js';
import { PayrailMetrics } from '../metrics/payrail-metrics.js';
import { HealthEndpoint } from './health-endpoint.js';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('a backend service\'s health endpoint', () => {
  let endpoint: HealthEndpoint;
  let base: string;
  let databaseUp = true;

  beforeEach(async () => {
    endpoint = new HealthEndpoint('payments');
    const port = await freePort();
    await endpoint.listen(port);
    base = `http://127.0.0.1:${port}`;
    databaseUp = true;
  });

  afterEach(() => endpoint.close());

  const probe = async (path: string) => {
    const response = await fetch(`${base}${path}`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('is unready while starting, and alive all along', async () => {
    expect(await probe('/health')).toEqual({ status: 503, body: { service: 'payments', status: 'starting' } });
    expect(await probe('/health/live')).toEqual({ status: 200, body: { service: 'payments', status: 'ok' } });
  });

  it('checks the database and the broker afresh on every probe, and stays alive when they are down', async () => {
    const database = { name: 'database', check: async () => (databaseUp ? 1 : Promise.reject(new Error('connection refused'))) };
    endpoint.markReady([database, { name: 'broker', check: async () => undefined }]);
    expect(await probe('/health')).toEqual({ status: 200, body: { service: 'payments', status: 'ok', checks: { database: 'up', broker: 'up' } } });

    databaseUp = false;
    expect(await probe('/health')).toEqual({ status: 503, body: { service: 'payments', status: 'unavailable', checks: { database: 'down', broker: 'up' } } });
    expect((await probe('/health/live')).status).toBe(200);

    databaseUp = true;
    expect((await probe('/health')).status).toBe(200);
  });

  it('serves the process\'s Prometheus metrics at /metrics when it has a registry, and 404 without one', async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
    const metrics = new PayrailMetrics({ runtime: { service: 'payments' } });
    metrics.forService('payments').eventRelayed(0.2);
    const withMetrics = new HealthEndpoint('payments', metrics);
    const port = await freePort();
    await withMetrics.listen(port);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      const text = await response.text();
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(text).toContain('payrail_outbox_relay_lag_seconds_count{service="payments"} 1');
      expect(text).toMatch(/^process_cpu_seconds_total\{service="payments"\} [\d.]+/m);
    } finally {
      await withMetrics.close();
    }
  });
});

describe('checkReadiness', () => {
  it('counts a check that hangs past the timeout as down, without waiting for it', async () => {
    const started = Date.now();
    const readiness = await checkReadiness([{ name: 'broker', check: () => new Promise(() => undefined) }, { name: 'database', check: async () => 1 }], 100);
    expect(readiness).toEqual({ ready: false, checks: { broker: 'down', database: 'up' } });
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
