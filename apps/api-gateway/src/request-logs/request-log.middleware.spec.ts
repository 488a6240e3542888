import express, { type NextFunction, type Request, type Response } from 'express';
import request from 'supertest';
import { requestIdMiddleware } from '../http/request-id.middleware.js';
import type { RequestLogEntity } from './request-log.entity.js';
import { RequestLogMiddleware } from './request-log.middleware.js';
import type { RequestLogWriter } from './request-log-writer.js';

function edgeWith(recorded: RequestLogEntity[], logLevel: 'log' | 'warn') {
  const middleware = new RequestLogMiddleware({ record: (log: RequestLogEntity) => recorded.push(log) } as unknown as RequestLogWriter, logLevel);
  const app = express();
  app.use(requestIdMiddleware);
  app.use(express.json());
  app.use((req: Request, res: Response, next: NextFunction) => middleware.use(req, res, next));
  app.use((req: Request, _res: Response, next: NextFunction) => {
    if (req.header('authorization') === 'Bearer sk_test_51Secretkey4f2a') Object.assign(req, { caller: { merchantId: 'acct_1', livemode: false } });
    next();
  });
  app.get('/v1/payment_methods/:id', (_req, res) => res.status(404).json({ error: { code: 'resource_missing' } }));
  app.post('/v1/payment_methods', (req, res) => res.json({ id: 'pm_1', object: 'payment_method', card: { last4: '4242' }, echo: req.body.card.number }));
  return app;
}

const finished = () => new Promise((resolve) => setImmediate(resolve));

describe('the request log middleware', () => {
  let stdout: string[];
  const write = process.stdout.write.bind(process.stdout);
  beforeEach(() => {
    stdout = [];
    process.stdout.write = ((chunk: string) => {
      stdout.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
  });
  afterEach(() => {
    process.stdout.write = write;
  });

  it("hands a merchant's request to the writer, bodies redacted, and writes one access-log line without bodies", async () => {
    const recorded: RequestLogEntity[] = [];
    const answer = await request(edgeWith(recorded, 'log'))
      .post('/v1/payment_methods?expand[]=customer')
      .set('Authorization', 'Bearer sk_test_51Secretkey4f2a')
      .set('Idempotency-Key', 'idem-1')
      .set('User-Agent', 'spec/1')
      .send({ type: 'card', card: { number: '4242424242424242', cvc: '123' } });
    await finished();
    process.stdout.write = write;
    expect(answer.status).toBe(200);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      id: answer.headers['request-id'],
      merchantId: 'acct_1',
      livemode: false,
      credential: 'sk_test_…4f2a',
      method: 'POST',
      path: '/v1/payment_methods',
      status: 200,
      requestBody: { type: 'card', card: { number: '[REDACTED]', cvc: '[REDACTED]' } },
      responseBody: { id: 'pm_1', object: 'payment_method', card: { last4: '4242' }, echo: '[REDACTED_PAN]' },
      userAgent: 'spec/1',
      idempotencyKey: 'idem-1',
    });
    const lines = stdout.filter((line) => line.includes('"AccessLog"'));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({
      context: 'AccessLog',
      request_id: answer.headers['request-id'],
      method: 'POST',
      path: '/v1/payment_methods',
      status: 200,
      merchant: 'acct_1',
      user_agent: 'spec/1',
    });
    expect(lines[0]).not.toMatch(/4242424242424242|sk_test_51Secretkey4f2a|expand|cvc/);
  });

  it('keeps a card number sent as an id out of the stored path and the access log', async () => {
    const recorded: RequestLogEntity[] = [];
    const answer = await request(edgeWith(recorded, 'log')).get('/v1/payment_methods/4242424242424242').set('Authorization', 'Bearer sk_test_51Secretkey4f2a');
    await finished();
    process.stdout.write = write;
    expect(answer.status).toBe(404);
    expect(recorded[0].path).toBe('/v1/payment_methods/[REDACTED_PAN]');
    const line = stdout.find((written) => written.includes('"AccessLog"'))!;
    expect(JSON.parse(line)).toMatchObject({ path: '/v1/payment_methods/[REDACTED_PAN]', status: 404 });
    expect(stdout.join('')).not.toContain('4242424242424242');
  });

  it('stores nothing for a request nobody authenticated, and writes no access log above LOG_LEVEL=log', async () => {
    const recorded: RequestLogEntity[] = [];
    const answer = await request(edgeWith(recorded, 'warn')).post('/v1/payment_methods').send({ card: { number: '4242424242424242' } });
    await finished();
    process.stdout.write = write;
    expect(answer.status).toBe(200);
    expect(recorded).toEqual([]);
    expect(stdout.filter((line) => line.includes('"AccessLog"'))).toEqual([]);
  });
});
