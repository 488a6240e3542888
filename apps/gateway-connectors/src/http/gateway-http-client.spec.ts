import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GatewayHttpClient, GatewayOutcomeUnknownError, GatewayUnreachableError } from './gateway-http-client.js';

describe('GatewayHttpClient', () => {
  const client = new GatewayHttpClient();
  let server: Server;
  let base: string;
  let handler: (req: IncomingMessage, res: ServerResponse) => void;
  let hits = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits += 1;
      handler(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => {
    hits = 0;
  });

  it('answers with the status and body the gateway sent', async () => {
    handler = (_req, res) => res.writeHead(402, { 'content-type': 'application/json' }).end('{"error":{"code":"card_declined"}}');
    const reply = await client.send('test', { method: 'POST', url: `${base}/v1/charges`, body: 'a=1', idempotent: false });
    expect(reply).toMatchObject({ status: 402, body: '{"error":{"code":"card_declined"}}' });
    expect(hits).toBe(1);
  });

  it('retries a 5xx only when the gateway deduplicates the request', async () => {
    handler = (_req, res) => res.writeHead(503).end('down');
    expect((await client.send('test', { method: 'POST', url: `${base}/x`, idempotent: false })).status).toBe(503);
    expect(hits).toBe(1);
    hits = 0;
    expect((await client.send('test', { method: 'POST', url: `${base}/x`, idempotent: true })).status).toBe(503);
    expect(hits).toBe(3);
  });

  it('says the outcome is unknown when the answer does not come in time, and does not repeat a non-idempotent request', async () => {
    handler = () => undefined;
    await expect(client.send('test', { method: 'POST', url: `${base}/slow`, timeoutMs: 150, idempotent: false })).rejects.toBeInstanceOf(GatewayOutcomeUnknownError);
    expect(hits).toBe(1);
  });

  it('says the gateway was unreachable when nothing listens, so failing over is safe', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(client.send('test', { method: 'POST', url: `http://127.0.0.1:${port}/x`, idempotent: false })).rejects.toBeInstanceOf(GatewayUnreachableError);
  });
});
