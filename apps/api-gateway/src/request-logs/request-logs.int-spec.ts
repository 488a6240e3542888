import 'reflect-metadata';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DatabaseModule } from '@payrail/persistence';
import { openTestDatabase, type TestDatabase } from '@payrail/testing';
import { CreateRequestLogs1765000000000 } from '../migrations/1765000000000-CreateRequestLogs.js';
import { OldRequestLogsPurger, REQUEST_LOG_RETENTION_DAYS } from './old-request-logs.purger.js';
import { RequestLogEntity } from './request-log.entity.js';
import { RequestLogWriter } from './request-log-writer.js';
import { RequestLogsRepository } from './request-logs.repository.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const caller = { merchantId: 'acct_logs', livemode: false };

function logOf(id: string, createdAt: Date, overrides: Partial<RequestLogEntity> = {}): RequestLogEntity {
  return Object.assign(new RequestLogEntity(), {
    id,
    merchantId: caller.merchantId,
    livemode: false,
    credential: 'sk_test_…abcd',
    method: 'POST',
    path: '/v1/payment_intents',
    status: 200,
    requestBody: { amount: '100' },
    responseBody: { id: 'pi_1' },
    sourceAddress: '127.0.0.1',
    userAgent: 'spec',
    idempotencyKey: null,
    latencyMs: 12,
    createdAt,
    ...overrides,
  });
}

describe('request logs in the edge schema', () => {
  let database: TestDatabase;
  let context: INestApplicationContext;
  let logs: RequestLogsRepository;

  beforeAll(async () => {
    database = await openTestDatabase();
    @Module({
      imports: [
        DatabaseModule.forRoot({ url: database.url, schema: 'gateway', entities: [RequestLogEntity], migrations: [CreateRequestLogs1765000000000] }),
      ],
      providers: [RequestLogsRepository, RequestLogWriter, OldRequestLogsPurger, { provide: REQUEST_LOG_RETENTION_DAYS, useValue: 30 }],
    })
    class RequestLogsUnderTest {}
    context = await NestFactory.createApplicationContext(RequestLogsUnderTest, { logger: false });
    logs = context.get(RequestLogsRepository);
  });

  afterAll(async () => {
    await context?.close();
    await database?.stop();
  });

  it('stores what the writer flushes, and pages it newest first, within the merchant and mode', async () => {
    const writer = context.get(RequestLogWriter);
    const now = Date.now();
    for (let n = 0; n < 5; n++) writer.record(logOf(`req_page${n}`, new Date(now - (5 - n) * 1000)));
    writer.record(logOf('req_other_merchant', new Date(now), { merchantId: 'acct_else' }));
    writer.record(logOf('req_live', new Date(now), { livemode: true }));
    await writer.flush();

    const first = await logs.list(caller, { path: '/v1/payment_intents' }, { limit: 2 });
    expect(first.data.map((log) => log.id)).toEqual(['req_page4', 'req_page3']);
    expect(first.hasMore).toBe(true);
    const next = await logs.list(caller, { path: '/v1/payment_intents' }, { limit: 2, startingAfter: 'req_page3' });
    expect(next.data.map((log) => log.id)).toEqual(['req_page2', 'req_page1']);
    const back = await logs.list(caller, { path: '/v1/payment_intents' }, { limit: 2, endingBefore: 'req_page2' });
    expect(back.data.map((log) => log.id)).toEqual(['req_page4', 'req_page3']);
    expect(await logs.findOne(caller, 'req_other_merchant')).toBeNull();
    expect(await logs.findOne(caller, 'req_live')).toBeNull();
    const stored = await logs.findOne(caller, 'req_page0');
    expect(stored).toMatchObject({ requestBody: { amount: '100' }, responseBody: { id: 'pi_1' }, latencyMs: 12 });
  });

  it('keeps every field of a log as it was recorded, bodies of any JSON shape and absent ones included', async () => {
    const createdAt = new Date(Math.floor(Date.now() / 1000) * 1000 - DAY_MS + 89);
    const page = logOf('req_fields_page', createdAt, {
      credential: null,
      method: 'GET',
      path: '/checkout/cs_test_1',
      status: 404,
      requestBody: null,
      responseBody: '<html>"quoted" \\ é</html>',
      userAgent: null,
      idempotencyKey: 'key-1',
      latencyMs: 0,
      livemode: true,
    });
    const nested = logOf('req_fields_nested', createdAt, { requestBody: { metadata: { order: 'A-1' }, items: [1, 'two', null] }, responseBody: [] });
    await logs.insertMany([page, nested]);

    const stored = await logs.findOne({ ...caller, livemode: true }, 'req_fields_page');
    expect({ ...stored }).toEqual({ ...page });
    expect({ ...(await logs.findOne(caller, 'req_fields_nested')) }).toEqual({ ...nested });
  });

  it('filters by time, and purges what is older than the retention period, nothing else', async () => {
    const now = Date.now();
    await logs.insertMany([logOf('req_old', new Date(now - 31 * DAY_MS), { path: '/v1/old' }), logOf('req_recent', new Date(now - 29 * DAY_MS), { path: '/v1/old' })]);
    const olderThanAWeek = await logs.list(caller, { path: '/v1/old', created: { lt: new Date(now - 7 * DAY_MS) } }, { limit: 10 });
    expect(olderThanAWeek.data.map((log) => log.id)).toEqual(['req_recent', 'req_old']);

    expect(await context.get(OldRequestLogsPurger).purge()).toBe(1);
    expect(await logs.findOne(caller, 'req_old')).toBeNull();
    expect(await logs.findOne(caller, 'req_recent')).not.toBeNull();
  });
});
