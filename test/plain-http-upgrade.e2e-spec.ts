import http from 'node:http';
import net from 'node:net';
import { createMerchant } from '@payrail/testing';

/** What Java's HttpClient sends on http:// by default (and curl --http2): an offer to switch to HTTP/2. */
const H2C_OFFER = { Connection: 'Upgrade, HTTP2-Settings', Upgrade: 'h2c', 'HTTP2-Settings': 'AAMAAABkAARAAAAAAAIAAAAA' };

function edge(): URL {
  return new URL(process.env.PAYRAIL_TEST_BASE_URL!);
}

/** One request as Node's HTTP/1.1 client sends it, headers verbatim; a 101 would be a switch to h2c. */
function request(method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const sent = http.request({ host: edge().hostname, port: edge().port, method, path, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, json: JSON.parse(text) as Record<string, unknown> }));
    });
    sent.on('upgrade', () => reject(new Error('the edge switched protocols')));
    sent.on('error', reject);
    sent.end(body);
  });
}

describe('a request offering an upgrade to h2c', () => {
  let key: string;

  beforeAll(async () => {
    key = (await createMerchant('Plain HTTP upgrade spec')).secret_key;
  });

  it('is answered as the HTTP/1.1 request it also is, as without the offer', async () => {
    const offered = await request('GET', '/v1/balance', { Authorization: `Bearer ${key}`, ...H2C_OFFER });
    const plain = await request('GET', '/v1/balance', { Authorization: `Bearer ${key}` });
    expect(offered).toEqual({ status: 200, json: expect.objectContaining({ object: 'balance' }) });
    expect(offered).toEqual(plain);
  });

  it('has its body read, and its authentication and errors are as usual', async () => {
    const body = 'amount=2500&currency=usd&metadata[order]=h2c-1';
    const created = await request('POST', '/v1/payment_intents', {
      Authorization: `Bearer ${key}`,
      'Content-Type': 'application/x-www-form-urlencoded',
      'Content-Length': String(Buffer.byteLength(body)),
      ...H2C_OFFER,
    }, body);
    expect(created).toMatchObject({ status: 200, json: { object: 'payment_intent', amount: 2500, currency: 'usd', metadata: { order: 'h2c-1' } } });
    expect(await request('GET', '/v1/balance', H2C_OFFER)).toMatchObject({ status: 401, json: { error: { type: 'authentication_error' } } });
    expect(await request('GET', '/v1/no_such_route', { Authorization: `Bearer ${key}`, ...H2C_OFFER })).toMatchObject({ status: 404 });
  });

  it('leaves the connection usable for the requests after it', async () => {
    const socket = net.connect(Number(edge().port), edge().hostname);
    const answer = new Promise<string>((resolve, reject) => {
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (text += chunk));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    const offer = Object.entries(H2C_OFFER).map(([name, value]) => `${name}: ${value}\r\n`).join('');
    socket.write(`GET /v1/balance HTTP/1.1\r\nHost: ${edge().host}\r\nAuthorization: Bearer ${key}\r\n${offer}\r\n`);
    socket.write(`GET /v1/payment_intents?limit=1 HTTP/1.1\r\nHost: ${edge().host}\r\nAuthorization: Bearer ${key}\r\nConnection: close\r\n\r\n`);
    const text = await answer;
    // Both answers, one after the other on the one connection (the first body is followed by the second status line).
    expect(text.match(/HTTP\/1\.1 \d{3} /g)).toEqual(['HTTP/1.1 200 ', 'HTTP/1.1 200 ']);
    expect(text).toContain('"object":"balance"');
    expect(text).toContain('"object":"list"');
  });
});
