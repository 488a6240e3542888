import { createServer } from 'node:net';
import { checkReadiness } from '../health/readiness.js';
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
});

describe('checkReadiness', () => {
  it('counts a check that hangs past the timeout as down, without waiting for it', async () => {
    const started = Date.now();
    const readiness = await checkReadiness([{ name: 'broker', check: () => new Promise(() => undefined) }, { name: 'database', check: async () => 1 }], 100);
    expect(readiness).toEqual({ ready: false, checks: { broker: 'down', database: 'up' } });
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
