import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Express, Request, Response } from 'express';
import { EdgeExpressAdapter } from './edge-express-adapter.js';

describe('EdgeExpressAdapter', () => {
  let server: Server;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it("serves requests born with the app's prototypes, so that Express changes no request's or response's prototype", async () => {
    const adapter = new EdgeExpressAdapter();
    adapter.initHttpServer({});
    const app = adapter.getInstance<Express>();
    server = adapter.getHttpServer() as Server;
    const atBirth: boolean[] = [];
    server.prependListener('request', (req, res) => atBirth.push(Object.getPrototypeOf(req) === app.request && Object.getPrototypeOf(res) === app.response));
    app.post('/echo', (req: Request, res: Response) => {
      let body = '';
      req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      req.on('end', () => res.status(201).json({ body, path: req.path, header: req.get('x-probe'), ip: req.ip }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/echo`;

    for (const n of [1, 2]) {
      const response = await fetch(url, { method: 'POST', body: `hello ${n}`, headers: { 'x-probe': `probe ${n}` } });
      expect(response.status).toBe(201);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await response.json()).toEqual({ body: `hello ${n}`, path: '/echo', header: `probe ${n}`, ip: '127.0.0.1' });
    }
    expect(atBirth).toEqual([true, true]);
  });
});
