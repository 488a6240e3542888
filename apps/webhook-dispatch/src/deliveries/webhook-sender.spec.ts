import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LookupAddress } from 'node:dns';
import { WebhookDispatchConfig } from '../config/webhook-dispatch.config.js';
import type { HostResolver } from './guarded-lookup.js';
import type { WebhookRequest } from './webhook-request.js';
import { WebhookSender } from './webhook-sender.js';

interface Seen {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The sender's end of the connection: the same port means the same (reused) connection. */
  from: number;
}

describe('webhook sender', () => {
  let server: Server;
  let base: string;
  const seen: Seen[] = [];
  const configured = (allowPrivateNetworks: boolean) => new WebhookDispatchConfig('k'.repeat(32), [], 500, 300, true, allowPrivateNetworks);
  /** A DNS of the test's own: `rebinding.test` answers whatever `answers` holds at the moment of connecting. */
  const answers: Record<string, LookupAddress[]> = {};
  const resolver: HostResolver = async (hostname) => answers[hostname] ?? [];
  const sender = new WebhookSender(configured(true), resolver);
  const strict = new WebhookSender(configured(false), resolver);
  const request: WebhookRequest = { body: '{"id":"evt_1"}', headers: { 'Content-Type': 'application/json', 'Payments-Signature': 't=1,v1=ab' } };
  const testmode = () => ({ livemode: false, signal: new AbortController().signal });

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        seen.push({ method: req.method!, path: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), from: req.socket.remotePort! });
        if (req.url === '/slow') return void setTimeout(() => res.end('late'), 2_000).unref();
        if (req.url === '/redirect') return void res.writeHead(302, { location: '/ok' }).end();
        res.writeHead(req.url === '/fail' ? 500 : 204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    seen.length = 0;
  });

  it('POSTs the body with the given headers and counts a 2xx as delivered', async () => {
    const outcome = await sender.send(`${base}/ok`, request, testmode());
    expect(outcome).toMatchObject({ succeeded: true, statusCode: 204, error: null });
    expect(outcome.durationMs).toBeGreaterThanOrEqual(0);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', path: '/ok', body: request.body });
    expect(seen[0].headers['payments-signature']).toBe('t=1,v1=ab');
  });

  it('counts a 5xx, and a redirect it does not follow, as failed with the status', async () => {
    expect(await sender.send(`${base}/fail`, request, testmode())).toMatchObject({ succeeded: false, statusCode: 500 });
    expect(await sender.send(`${base}/redirect`, request, testmode())).toMatchObject({ succeeded: false, statusCode: 302 });
    expect(seen.map((request) => request.path)).toEqual(['/fail', '/redirect']);
  });

  it('gives up on a slow endpoint after the timeout', async () => {
    const outcome = await sender.send(`${base}/slow`, request, testmode());
    expect(outcome).toMatchObject({ succeeded: false, statusCode: null, error: 'Timed out after 300 ms' });
    expect(outcome.durationMs).toBeLessThan(1_500);
  });

  it('reports a refused connection without throwing', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const outcome = await sender.send(`http://127.0.0.1:${port}/`, request, testmode());
    expect(outcome).toMatchObject({ succeeded: false, statusCode: null });
    expect(outcome.error).toContain('ECONNREFUSED');
  });

  it('in live mode, sends nothing to an endpoint that resolves to a loopback address, through the real resolver', async () => {
    const system = new WebhookSender(configured(true));
    const outcome = await system.send(`${base.replace('127.0.0.1', 'localhost')}/ok`, request, { livemode: true, signal: new AbortController().signal });
    expect(outcome).toMatchObject({ succeeded: false, statusCode: null, error: 'Refused: the endpoint resolves to a loopback address, which this webhook may not be sent to' });
    expect(seen).toHaveLength(0);
  });

  it('checks the address a name resolves to when connecting, so a name rebound to loopback is refused without the opt-in', async () => {
    const port = new URL(base).port;
    answers['rebinding.test'] = [{ address: '127.0.0.1', family: 4 }];
    const refused = await strict.send(`http://rebinding.test:${port}/ok`, request, testmode());
    expect(refused).toMatchObject({ succeeded: false, statusCode: null, error: 'Refused: the endpoint resolves to a loopback address, which this webhook may not be sent to' });
    expect(seen).toHaveLength(0);

    // The same name and resolver with the operator's opt-in: the connection goes where the lookup said.
    expect(await sender.send(`http://rebinding.test:${port}/ok`, request, testmode())).toMatchObject({ succeeded: true, statusCode: 204 });
    expect(seen.map((request) => request.path)).toEqual(['/ok']);
  });

  it('never connects to a name that resolves to cloud metadata or link-local, even with the opt-in, nor if any of its addresses does', async () => {
    for (const addresses of [
      [{ address: '169.254.169.254', family: 4 }],
      [{ address: 'fd00:ec2::254', family: 6 }],
      [{ address: '64:ff9b::a9fe:a9fe', family: 6 }],
      [{ address: '127.0.0.1', family: 4 }, { address: 'fe80::1', family: 6 }],
    ]) {
      answers['metadata.test'] = addresses;
      const outcome = await sender.send(`http://metadata.test:${new URL(base).port}/ok`, request, testmode());
      expect([addresses, outcome.error]).toEqual([addresses, expect.stringMatching(/^Refused: the endpoint resolves to a (cloud metadata|link-local) address/)]);
    }
    expect(seen).toHaveLength(0);
  });

  it('refuses an IP literal outside the scope before connecting, which no lookup would see', async () => {
    expect((await strict.send(`${base}/ok`, request, testmode())).error).toMatch(/^Refused: .* a loopback address/);
    expect((await sender.send('http://169.254.169.254/latest/meta-data/', request, testmode())).error).toMatch(/^Refused: .* a cloud metadata address/);
    expect((await sender.send('http://[::ffff:a9fe:a9fe]/', request, testmode())).error).toMatch(/^Refused: .* a cloud metadata address/);
    expect((await sender.send(`${base}/ok`, request, { livemode: true, signal: new AbortController().signal })).error).toMatch(/^Refused: .* a loopback address/);
    expect(seen).toHaveLength(0);
  });

  it('reuses a connection to the address it vetted, and vets every new connection', async () => {
    const pooled = new WebhookSender(configured(true), resolver);
    const url = `http://pooled.test:${new URL(base).port}/ok`;
    answers['pooled.test'] = [{ address: '127.0.0.1', family: 4 }];
    expect(await pooled.send(url, request, testmode())).toMatchObject({ succeeded: true, statusCode: 204 });
    expect(await pooled.send(url, request, testmode())).toMatchObject({ succeeded: true, statusCode: 204 });
    expect(seen).toHaveLength(2);
    expect(seen[1].from).toBe(seen[0].from);

    // The name is rebound to cloud metadata: the idle connection still goes to the address vetted when it
    // was opened, and the one more connection that two deliveries at once need is refused at its lookup.
    answers['pooled.test'] = [{ address: '169.254.169.254', family: 4 }];
    const outcomes = await Promise.all([pooled.send(url, request, testmode()), pooled.send(url, request, testmode())]);
    expect(outcomes.map((outcome) => outcome.succeeded).sort()).toEqual([false, true]);
    expect(outcomes.find((outcome) => !outcome.succeeded)?.error).toMatch(/^Refused: the endpoint resolves to a cloud metadata address/);
    expect(seen).toHaveLength(3);
    expect(seen[2].from).toBe(seen[0].from);
    pooled.onApplicationShutdown();
  });

  it('stops waiting at once when the dispatcher is stopping', async () => {
    const stopping = new AbortController();
    setTimeout(() => stopping.abort(), 50);
    const outcome = await sender.send(`${base}/slow`, request, { livemode: false, signal: stopping.signal });
    expect(outcome).toMatchObject({ succeeded: false, error: 'Aborted: the dispatcher is stopping' });
    expect(outcome.durationMs).toBeLessThan(250);
  });
});
