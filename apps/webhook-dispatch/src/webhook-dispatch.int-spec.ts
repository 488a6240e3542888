import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { INestMicroservice } from '@nestjs/common';
import {
  Patterns,
  ServiceNames,
  Topics,
  type Caller,
  type EventResource,
  type LedgerEvent,
  type PatternMap,
  type PaymentIntentResource,
  type PaymentsEvent,
  type RecordedEvent,
  type RefundResource,
  type RefundsEvent,
  type TransferResource,
  type WebhookEndpointResource,
} from '@payrail/contracts';
import { InProcessBroker, PayrailMetrics, startService, type Reply } from '@payrail/messaging';
import { openTestDatabase, seriesValue, type TestDatabase } from '@payrail/testing';
import Stripe from 'stripe';
import { DataSource } from 'typeorm';
import { DeliveriesRepository } from './deliveries/deliveries.repository.js';
import { DeliveryDispatcher } from './deliveries/delivery-dispatcher.js';
import { DeliverySettler } from './deliveries/delivery-settler.js';
import { WebhookDispatchModule } from './webhook-dispatch.module.js';

// Unique per run, so that the spec also passes against a long-lived DATABASE_URL.
const run = randomBytes(4).toString('hex');
const merchant: Caller = { merchantId: `acct_wh_a_${run}`, livemode: false };
const otherMerchant: Caller = { merchantId: `acct_wh_b_${run}`, livemode: false };
const stripe = new Stripe('sk_test_x');
const baseEnv = {
  ...process.env,
  PAYRAIL_SECRETS_KEY: randomBytes(32).toString('hex'),
  PAYRAIL_WEBHOOK_RETRY_SCHEDULE_MS: '200,400',
  PAYRAIL_WEBHOOK_POLL_MS: '50',
  // The receiver is on loopback.
  PAYRAIL_WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'on',
};

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
  at: number;
}

/** A merchant's webhook endpoints on loopback: one path per endpoint, each answering as it is told. */
class Receiver {
  readonly received: Received[] = [];
  private readonly answers = new Map<string, number[]>();
  /** Paths whose next answer waits until the test lets it go. */
  private readonly holds = new Map<string, Promise<void>>();
  private server!: Server;
  base = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const path = req.url ?? '/';
        const status = this.answers.get(path)?.shift() ?? 200;
        this.received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status, at: Date.now() });
        const hold = this.holds.get(path);
        this.holds.delete(path);
        void (hold ?? Promise.resolve()).then(() => res.writeHead(status).end());
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The statuses `path` answers with, in order; 200 once they are used up. */
  answer(path: string, statuses: number[]): void {
    this.answers.set(path, statuses);
  }

  /** The next request to `path` is received but not answered until the returned function is called. */
  hold(path: string): () => void {
    let release!: () => void;
    this.holds.set(path, new Promise<void>((resolve) => (release = resolve)));
    return release;
  }

  at(path: string): Received[] {
    return this.received.filter((request) => request.path === path);
  }

  async waitFor(path: string, count: number, timeoutMs = 15_000): Promise<Received[]> {
    const started = Date.now();
    while (this.at(path).length < count) {
      if (Date.now() - started > timeoutMs) throw new Error(`${path} got ${this.at(path).length} of ${count} requests within ${timeoutMs} ms`);
      await sleep(20);
    }
    return this.at(path);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

let postgres: TestDatabase | undefined;
let databaseUrl: string;
const receiver = new Receiver();
let sequence = 0;

beforeAll(async () => {
  postgres = await openTestDatabase();
  databaseUrl = postgres.url;
  await receiver.start();
}, 60_000);

afterAll(async () => {
  await receiver.stop();
  await postgres?.stop();
});

/** A fresh path on the receiver, so that each test reads only its own deliveries. */
function path(name: string): string {
  sequence += 1;
  return `/${name}-${sequence}`;
}

function intentEvent(type: PaymentsEvent['type'], owner: Caller = merchant): PaymentsEvent {
  sequence += 1;
  const intent: Partial<PaymentIntentResource> = {
    id: `pi_wh${run}${sequence}`,
    object: 'payment_intent',
    amount: 2000,
    amount_received: type === 'payment_intent.succeeded' ? 2000 : 0,
    currency: 'usd',
    status: type === 'payment_intent.succeeded' ? 'succeeded' : 'requires_payment_method',
    livemode: owner.livemode,
    metadata: { order_id: String(sequence) },
  };
  return {
    id: `evt_source${run}${sequence}`,
    type,
    aggregateId: intent.id!,
    merchantId: owner.merchantId,
    livemode: owner.livemode,
    occurredAt: Math.floor(Date.now() / 1000),
    requestId: `req_wh${run}${sequence}`,
    idempotencyKey: null,
    data: { object: intent as PaymentIntentResource },
  } as PaymentsEvent;
}

function deliveryOf(db: DataSource, endpointId: string): Promise<Array<{ status: string; attempts: number }>> {
  return db.query(`SELECT "status", "attempts" FROM "webhooks"."webhook_deliveries" WHERE "endpoint_id" = $1`, [endpointId]);
}

async function ok<P extends keyof PatternMap>(broker: InProcessBroker, pattern: P, request: PatternMap[P]['request']): Promise<PatternMap[P]['reply']> {
  const reply = await broker.request(pattern, request, { timeoutMs: 5000, headers: {} });
  if (!reply.ok) throw new Error(`${pattern} failed: ${JSON.stringify(reply.error)}`);
  return reply.data as PatternMap[P]['reply'];
}

describe('webhook-dispatch (embedded Postgres, in-process transport, real HTTP)', () => {
  let broker: InProcessBroker;
  let app: INestMicroservice;
  let db: DataSource;
  const metrics = new PayrailMetrics();

  beforeAll(async () => {
    broker = new InProcessBroker();
    app = await startService({
      service: ServiceNames.WebhookDispatch,
      module: WebhookDispatchModule.forRoot({ broker, databaseUrl, env: baseEnv, metrics }),
      broker,
      metrics,
    });
    db = app.get(DataSource);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await broker?.close();
  });

  function send<P extends keyof PatternMap>(pattern: P, request: PatternMap[P]['request']): Promise<Reply> {
    return broker.request(pattern, request, { timeoutMs: 5000, headers: {} });
  }

  function call<P extends keyof PatternMap>(pattern: P, request: PatternMap[P]['request']): Promise<PatternMap[P]['reply']> {
    return ok(broker, pattern, request);
  }

  function createEndpoint(hookPath: string, enabledEvents: string[], caller: Caller = merchant): Promise<WebhookEndpointResource> {
    return call(Patterns.WebhookEndpointCreate, { caller, params: { url: `${receiver.base}${hookPath}`, enabled_events: enabledEvents } });
  }

  /** Resolves once webhook-dispatch has handled the event (the in-process broker waits for every group). */
  function publish(topic: typeof Topics.PaymentsEvents | typeof Topics.RefundsEvents, event: PaymentsEvent | RefundsEvent): Promise<void> {
    return broker.publish(topic, [{ key: event.aggregateId, data: event, headers: {} }]);
  }

  async function publicEventFor(source: { id: string }): Promise<EventResource> {
    const [row] = (await db.query(`SELECT "id" FROM "webhooks"."events" WHERE "source_event_id" = $1`, [source.id])) as Array<{ id: string }>;
    return call(Patterns.EventRetrieve, { caller: merchant, params: { id: row.id } });
  }

  async function attemptsOf(endpointId: string): Promise<Array<{ attempt: number; succeeded: boolean; status_code: number | null; duration_ms: number; error: string | null }>> {
    return db.query(
      `SELECT a."attempt", a."succeeded", a."status_code", a."duration_ms", a."error"
         FROM "webhooks"."webhook_delivery_attempts" a
         JOIN "webhooks"."webhook_deliveries" d ON d."id" = a."delivery_id"
        WHERE d."endpoint_id" = $1 ORDER BY a."attempt"`,
      [endpointId],
    );
  }

  async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
    const started = Date.now();
    for (;;) {
      const value = await read();
      if (accept(value) || Date.now() - started > timeoutMs) return value;
      await sleep(25);
    }
  }

  it('answers its ping', async () => {
    expect(await call(Patterns.WebhooksPing, {})).toEqual({ service: 'webhook-dispatch', ready: true });
  });

  it('creates an endpoint with a secret shown once and kept sealed', async () => {
    const created = await call(Patterns.WebhookEndpointCreate, {
      caller: merchant,
      params: { url: `${receiver.base}/created`, enabled_events: ['charge.succeeded', '*'], description: 'orders', metadata: { team: 'ops' } },
    });
    expect(created).toMatchObject({
      object: 'webhook_endpoint',
      url: `${receiver.base}/created`,
      enabled_events: ['charge.succeeded', '*'],
      status: 'enabled',
      description: 'orders',
      api_version: null,
      livemode: false,
      metadata: { team: 'ops' },
    });
    expect(created.id).toMatch(/^we_[A-Za-z0-9]{24}$/);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9]{40,}$/);
    expect(Math.abs(created.created - Date.now() / 1000)).toBeLessThan(60);

    const retrieved = await call(Patterns.WebhookEndpointRetrieve, { caller: merchant, params: { id: created.id } });
    const { secret: _secret, ...withoutSecret } = created;
    expect(retrieved).toEqual(withoutSecret);
    const [stored] = (await db.query(`SELECT "secret_sealed" FROM "webhooks"."webhook_endpoints" WHERE "id" = $1`, [created.id])) as Array<{ secret_sealed: string }>;
    expect(stored.secret_sealed).not.toContain(created.secret!.slice('whsec_'.length));
  });

  it('refuses unknown event types and bad URLs, naming the parameter', async () => {
    const unknownType = await send(Patterns.WebhookEndpointCreate, { caller: merchant, params: { url: `${receiver.base}/x`, enabled_events: ['charge.exploded'] } });
    expect(unknownType).toMatchObject({ ok: false, error: { code: 'parameter_invalid', param: 'enabled_events' } });
    const empty = await send(Patterns.WebhookEndpointCreate, { caller: merchant, params: { url: `${receiver.base}/x`, enabled_events: [] } });
    expect(empty).toMatchObject({ ok: false, error: { code: 'parameter_invalid', param: 'enabled_events' } });
    const relative = await send(Patterns.WebhookEndpointCreate, { caller: merchant, params: { url: '/hooks', enabled_events: ['*'] } });
    expect(relative).toMatchObject({ ok: false, error: { code: 'parameter_invalid', param: 'url' } });
    const loopbackLive = await send(Patterns.WebhookEndpointCreate, { caller: { ...merchant, livemode: true }, params: { url: 'https://127.0.0.1/hooks', enabled_events: ['*'] } });
    expect(loopbackLive).toMatchObject({ ok: false, error: { code: 'parameter_invalid', param: 'url' } });
  });

  it('lists the caller\'s endpoints newest first with cursors, and deletes them', async () => {
    const lister: Caller = { merchantId: `acct_wh_list_${run}`, livemode: false };
    const made: WebhookEndpointResource[] = [];
    for (const name of ['one', 'two', 'three']) made.push(await createEndpoint(`/${name}`, ['*'], lister));
    const page = await call(Patterns.WebhookEndpointList, { caller: lister, params: { limit: 2 } });
    expect(page).toMatchObject({ object: 'list', url: '/v1/webhook_endpoints', has_more: true });
    expect(page.data.map((endpoint) => endpoint.id)).toEqual([made[2].id, made[1].id]);
    expect(page.data.every((endpoint) => endpoint.secret === undefined)).toBe(true);
    const next = await call(Patterns.WebhookEndpointList, { caller: lister, params: { limit: 2, starting_after: made[1].id } });
    expect(next).toMatchObject({ has_more: false, data: [{ id: made[0].id }] });
    const before = await call(Patterns.WebhookEndpointList, { caller: lister, params: { ending_before: made[0].id } });
    expect(before.data.map((endpoint) => endpoint.id)).toEqual([made[2].id, made[1].id]);

    expect(await call(Patterns.WebhookEndpointDelete, { caller: lister, params: { id: made[1].id } })).toEqual({ id: made[1].id, object: 'webhook_endpoint', deleted: true });
    expect(await send(Patterns.WebhookEndpointRetrieve, { caller: lister, params: { id: made[1].id } })).toMatchObject({ ok: false, error: { code: 'resource_missing' } });
    expect(await send(Patterns.WebhookEndpointDelete, { caller: lister, params: { id: made[1].id } })).toMatchObject({ ok: false, error: { code: 'resource_missing' } });
    const remaining = await call(Patterns.WebhookEndpointList, { caller: lister, params: {} });
    expect(remaining.data.map((endpoint) => endpoint.id)).toEqual([made[2].id, made[0].id]);
  });

  it('hides an endpoint from another merchant and from the other mode', async () => {
    const mine = await createEndpoint(path('private'), ['*']);
    for (const caller of [otherMerchant, { ...merchant, livemode: true }]) {
      expect(await send(Patterns.WebhookEndpointRetrieve, { caller, params: { id: mine.id } })).toMatchObject({ ok: false, error: { code: 'resource_missing', param: 'id' } });
      expect(await send(Patterns.WebhookEndpointDelete, { caller, params: { id: mine.id } })).toMatchObject({ ok: false, error: { code: 'resource_missing' } });
      expect((await call(Patterns.WebhookEndpointList, { caller, params: { limit: 100 } })).data.map((endpoint) => endpoint.id)).not.toContain(mine.id);
    }
    expect(await call(Patterns.WebhookEndpointRetrieve, { caller: merchant, params: { id: mine.id } })).toMatchObject({ id: mine.id });
  });

  it('delivers a payments event signed so that the Stripe SDK verifies it, once', async () => {
    const hook = path('signed');
    const endpoint = await createEndpoint(hook, ['payment_intent.succeeded']);
    const source = intentEvent('payment_intent.succeeded');
    await publish(Topics.PaymentsEvents, source);

    const [delivered] = await receiver.waitFor(hook, 1);
    expect(delivered.headers['content-type']).toBe('application/json');
    expect(delivered.headers['user-agent']).toBe('Payrail/1.0 (+webhooks)');
    const verified = stripe.webhooks.constructEvent(delivered.body, delivered.headers['payments-signature'] as string, endpoint.secret!);
    expect(verified).toMatchObject({
      object: 'event',
      type: 'payment_intent.succeeded',
      api_version: '2026-01-01',
      livemode: false,
      created: source.occurredAt,
      request: { id: source.requestId, idempotency_key: null },
      data: { object: source.data.object },
    });
    expect(verified.id).toMatch(/^evt_[A-Za-z0-9]{24}$/);
    expect(verified.id).not.toBe(source.id);
    expect(() => stripe.webhooks.constructEvent(delivered.body, delivered.headers['payments-signature'] as string, 'whsec_wrong')).toThrow();

    const settled = await eventually(() => publicEventFor(source), (event) => event.pending_webhooks === 0);
    expect(settled).toMatchObject({ id: verified.id, pending_webhooks: 0 });
    expect(await attemptsOf(endpoint.id)).toEqual([{ attempt: 1, succeeded: true, status_code: 200, duration_ms: expect.any(Number), error: null }]);

    // Kafka and the outbox relay deliver at least once: the same domain event again changes nothing.
    await publish(Topics.PaymentsEvents, source);
    await publish(Topics.PaymentsEvents, source);
    await sleep(500);
    expect(receiver.at(hook)).toHaveLength(1);
    const [{ count }] = (await db.query(`SELECT COUNT(*)::int AS "count" FROM "webhooks"."events" WHERE "source_event_id" = $1`, [source.id])) as Array<{ count: number }>;
    expect(count).toBe(1);
    expect(await deliveryOf(db, endpoint.id)).toEqual([{ status: 'succeeded', attempts: 1 }]);
  });

  it('delivers refunds events too', async () => {
    const hook = path('refunds');
    const endpoint = await createEndpoint(hook, ['refund.created']);
    sequence += 1;
    const refund: Partial<RefundResource> = { id: `re_wh${run}${sequence}`, object: 'refund', amount: 500, currency: 'usd', status: 'pending', livemode: false };
    const source: RefundsEvent = {
      id: `evt_source${run}${sequence}`,
      type: 'refund.created',
      aggregateId: refund.id!,
      merchantId: merchant.merchantId,
      livemode: false,
      occurredAt: Math.floor(Date.now() / 1000),
      requestId: null,
      idempotencyKey: null,
      data: { object: refund as RefundResource },
    };
    await publish(Topics.RefundsEvents, source);
    const [delivered] = await receiver.waitFor(hook, 1);
    const verified = stripe.webhooks.constructEvent(delivered.body, delivered.headers['payments-signature'] as string, endpoint.secret!);
    expect(verified).toMatchObject({ type: 'refund.created', request: { id: null }, data: { object: { id: refund.id, amount: 500 } } });
  });

  it('sends a resend that came while an attempt was in flight once that attempt is answered', async () => {
    const hook = path('resend-in-flight');
    const endpoint = await createEndpoint(hook, ['payment_intent.succeeded']);
    const release = receiver.hold(hook);
    const source = intentEvent('payment_intent.succeeded');
    await publish(Topics.PaymentsEvents, source);
    const [first] = await receiver.waitFor(hook, 1);
    const event = await publicEventFor(source);

    // The receiver has the first attempt but has not answered: the merchant asks for the event again.
    const resent = await call(Patterns.EventResend, { caller: merchant, params: { id: event.id, webhook_endpoint: endpoint.id } });
    expect(resent.id).toBe(event.id);
    release();

    const [, second] = await receiver.waitFor(hook, 2);
    expect(JSON.parse(second.body)).toMatchObject({ id: event.id, type: 'payment_intent.succeeded' });
    expect(second.at).toBeGreaterThanOrEqual(first.at);
    const settled = await eventually(() => publicEventFor(source), (current) => current.pending_webhooks === 0);
    expect(settled.pending_webhooks).toBe(0);
    expect(await deliveryOf(db, endpoint.id)).toEqual([{ status: 'succeeded', attempts: 2 }]);
    expect((await attemptsOf(endpoint.id)).map(({ attempt, succeeded }) => ({ attempt, succeeded }))).toEqual([
      { attempt: 1, succeeded: true },
      { attempt: 2, succeeded: true },
    ]);
    await sleep(300);
    expect(receiver.at(hook)).toHaveLength(2);
  });

  it('retries an endpoint that answered 500, on schedule, and records both attempts', async () => {
    const deliveries = (outcome: string) => seriesValue(metrics, 'payrail_webhook_deliveries_total', { service: 'webhook-dispatch', outcome }).then((value) => value ?? 0);
    const [retriesBefore, successesBefore] = [await deliveries('retry'), await deliveries('succeeded')];
    const hook = path('flaky');
    receiver.answer(hook, [500]);
    const endpoint = await createEndpoint(hook, ['payment_intent.succeeded']);
    const source = intentEvent('payment_intent.succeeded');
    await publish(Topics.PaymentsEvents, source);

    const [failed, retried] = await receiver.waitFor(hook, 2);
    expect([failed.status, retried.status]).toEqual([500, 200]);
    expect(retried.at - failed.at).toBeGreaterThanOrEqual(150);
    expect(JSON.parse(retried.body).id).toBe(JSON.parse(failed.body).id);
    expect(stripe.webhooks.constructEvent(retried.body, retried.headers['payments-signature'] as string, endpoint.secret!).type).toBe('payment_intent.succeeded');

    const attempts = await eventually(() => attemptsOf(endpoint.id), (rows) => rows.length === 2);
    expect(attempts).toEqual([
      { attempt: 1, succeeded: false, status_code: 500, duration_ms: expect.any(Number), error: null },
      { attempt: 2, succeeded: true, status_code: 200, duration_ms: expect.any(Number), error: null },
    ]);
    expect(await deliveryOf(db, endpoint.id)).toEqual([{ status: 'succeeded', attempts: 2 }]);
    expect((await eventually(() => publicEventFor(source), (event) => event.pending_webhooks === 0)).pending_webhooks).toBe(0);
    // The metrics saw the same two attempts, their latency, and read the pending backlog from the database.
    expect(await deliveries('retry')).toBe(retriesBefore + 1);
    // Endpoints of earlier tests take the same event type: at least this one's success.
    expect(await deliveries('succeeded')).toBeGreaterThanOrEqual(successesBefore + 1);
    expect(await seriesValue(metrics, 'payrail_webhook_delivery_duration_seconds_count', { service: 'webhook-dispatch', outcome: 'retry' })).toBeGreaterThanOrEqual(1);
    const [{ pending }] = (await db.query(`SELECT count(*)::int AS "pending" FROM "webhooks"."webhook_deliveries" WHERE "status" = 'pending'`)) as Array<{ pending: number }>;
    expect(await seriesValue(metrics, 'payrail_webhook_pending_deliveries', { service: 'webhook-dispatch' })).toBe(pending);
  });

  it('gives up after the last retry and marks the delivery failed', async () => {
    const hook = path('down');
    receiver.answer(hook, [503, 503, 503, 503]);
    const endpoint = await createEndpoint(hook, ['payment_intent.succeeded']);
    const source = intentEvent('payment_intent.succeeded');
    await publish(Topics.PaymentsEvents, source);

    await receiver.waitFor(hook, 3);
    const delivery = await eventually(() => deliveryOf(db, endpoint.id), (rows) => rows[0]?.status === 'failed');
    expect(delivery).toEqual([{ status: 'failed', attempts: 3 }]);
    await sleep(700);
    expect(receiver.at(hook).map((request) => request.status)).toEqual([503, 503, 503]);
    expect((await attemptsOf(endpoint.id)).map((attempt) => [attempt.attempt, attempt.status_code])).toEqual([[1, 503], [2, 503], [3, 503]]);
    expect((await publicEventFor(source)).pending_webhooks).toBe(0);
  });

  it('records an unreachable endpoint\'s error in the attempt log', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const endpoint = await call(Patterns.WebhookEndpointCreate, { caller: merchant, params: { url: `http://127.0.0.1:${port}/gone`, enabled_events: ['charge.failed'] } });
    await publish(Topics.PaymentsEvents, intentEvent('charge.failed'));
    const [first] = await eventually(() => attemptsOf(endpoint.id), (rows) => rows.length >= 1);
    expect(first).toMatchObject({ attempt: 1, succeeded: false, status_code: null, error: expect.stringContaining('ECONNREFUSED') });
    expect(first.error).not.toContain('whsec_');
  });

  it('sends nothing to a disabled, deleted, non-matching, other-mode or other merchant\'s endpoint', async () => {
    const wanted = path('wanted');
    const control = await createEndpoint(wanted, ['*']);
    const silent = {
      nonMatching: await createEndpoint(path('non-matching'), ['refund.created', 'payment_intent.succeeded']),
      disabled: await createEndpoint(path('disabled'), ['*']),
      deleted: await createEndpoint(path('deleted'), ['*']),
      liveMode: await call(Patterns.WebhookEndpointCreate, { caller: { ...merchant, livemode: true }, params: { url: 'https://example.com/live', enabled_events: ['*'] } }),
      otherMerchant: await createEndpoint(path('other'), ['*'], otherMerchant),
    };
    await call(Patterns.WebhookEndpointUpdate, { caller: merchant, params: { id: silent.disabled.id, disabled: true } });
    await call(Patterns.WebhookEndpointDelete, { caller: merchant, params: { id: silent.deleted.id } });

    await publish(Topics.PaymentsEvents, intentEvent('payment_intent.created'));
    const [delivered] = await receiver.waitFor(wanted, 1);
    expect(JSON.parse(delivered.body).type).toBe('payment_intent.created');
    await sleep(300);
    for (const endpoint of Object.values(silent)) {
      expect([endpoint.id, receiver.at(new URL(endpoint.url).pathname)]).toEqual([endpoint.id, []]);
      expect(await deliveryOf(db, endpoint.id)).toEqual([]);
    }
    expect(await deliveryOf(db, control.id)).toEqual([{ status: 'succeeded', attempts: 1 }]);
  });

  it('serves events by id and as a list, newest first, filtered by type, to their merchant only', async () => {
    const lister: Caller = { merchantId: `acct_wh_events_${run}`, livemode: false };
    const sources = [
      intentEvent('payment_intent.created', lister),
      intentEvent('payment_intent.succeeded', lister),
      intentEvent('charge.succeeded', lister),
    ];
    for (const source of sources) await publish(Topics.PaymentsEvents, source);

    const all = await call(Patterns.EventList, { caller: lister, params: {} });
    expect(all).toMatchObject({ object: 'list', url: '/v1/events', has_more: false });
    expect(all.data.map((event) => event.type)).toEqual(['charge.succeeded', 'payment_intent.succeeded', 'payment_intent.created']);
    expect(all.data.every((event) => event.pending_webhooks === 0 && event.livemode === false)).toBe(true);

    const intents = await call(Patterns.EventList, { caller: lister, params: { type: 'payment_intent.*', limit: 1 } });
    expect(intents).toMatchObject({ has_more: true, data: [{ type: 'payment_intent.succeeded' }] });
    const older = await call(Patterns.EventList, { caller: lister, params: { type: 'payment_intent.*', starting_after: intents.data[0].id } });
    expect(older.data.map((event) => event.type)).toEqual(['payment_intent.created']);
    const exact = await call(Patterns.EventList, { caller: lister, params: { type: 'charge.succeeded' } });
    expect(exact.data.map((event) => event.id)).toEqual([all.data[0].id]);

    expect(await call(Patterns.EventRetrieve, { caller: lister, params: { id: all.data[0].id } })).toEqual(all.data[0]);
    expect(await send(Patterns.EventRetrieve, { caller: merchant, params: { id: all.data[0].id } })).toMatchObject({ ok: false, error: { code: 'resource_missing', param: 'id' } });
    expect(await send(Patterns.EventRetrieve, { caller: { ...lister, livemode: true }, params: { id: all.data[0].id } })).toMatchObject({ ok: false, error: { code: 'resource_missing' } });
    expect((await call(Patterns.EventList, { caller: { ...lister, livemode: true }, params: {} })).data).toEqual([]);
    expect(await send(Patterns.EventList, { caller: lister, params: { starting_after: 'evt_missing' } })).toMatchObject({ ok: false, error: { code: 'resource_missing', param: 'starting_after' } });

    // Stripe's `created` filter, in whole seconds as events show it.
    const newest = all.data[0].created;
    const oldest = all.data[2].created;
    expect((await call(Patterns.EventList, { caller: lister, params: { created: { gte: oldest, lte: newest } } })).data.map((event) => event.id)).toEqual(all.data.map((event) => event.id));
    expect((await call(Patterns.EventList, { caller: lister, params: { created: { gt: newest } } })).data).toEqual([]);
    expect((await call(Patterns.EventList, { caller: lister, params: { created: { lt: oldest } } })).data).toEqual([]);
    expect((await call(Patterns.EventList, { caller: lister, params: { created: newest } })).data.map((event) => event.id)).toContain(all.data[0].id);
  });
});

describe('with the poller off, driven by hand', () => {
  const env = { ...baseEnv, PAYRAIL_WEBHOOK_DISPATCH: 'off' };
  let manual: INestMicroservice;
  let manualBroker: InProcessBroker;
  let replica: INestMicroservice;
  let replicaBroker: InProcessBroker;
  let db: DataSource;

  beforeAll(async () => {
    manualBroker = new InProcessBroker();
    manual = await startService({ service: ServiceNames.WebhookDispatch, module: WebhookDispatchModule.forRoot({ broker: manualBroker, databaseUrl, env }), broker: manualBroker });
    // A second replica on the same database; nothing is published on its broker, it only dispatches.
    replicaBroker = new InProcessBroker();
    replica = await startService({ service: ServiceNames.WebhookDispatch, module: WebhookDispatchModule.forRoot({ broker: replicaBroker, databaseUrl, env }), broker: replicaBroker });
    db = manual.get(DataSource);
  }, 60_000);

  afterAll(async () => {
    await replica?.close();
    await manual?.close();
    await replicaBroker?.close();
    await manualBroker?.close();
  });

  function manualOk<P extends keyof PatternMap>(pattern: P, request: PatternMap[P]['request']): Promise<PatternMap[P]['reply']> {
    return ok(manualBroker, pattern, request);
  }

  it('sends nothing until the dispatcher runs', async () => {
    const hook = path('manual');
    const caller: Caller = { merchantId: `acct_wh_manual_${run}`, livemode: false };
    const endpoint = await manualOk(Patterns.WebhookEndpointCreate, { caller, params: { url: `${receiver.base}${hook}`, enabled_events: ['*'] } });
    await manualBroker.publish(Topics.PaymentsEvents, [{ key: 'k', data: intentEvent('payment_intent.created', caller), headers: {} }]);
    await sleep(300);
    expect(receiver.at(hook)).toEqual([]);
    expect(await deliveryOf(db, endpoint.id)).toEqual([{ status: 'pending', attempts: 0 }]);
    await manual.get(DeliveryDispatcher).drain();
    expect(receiver.at(hook)).toHaveLength(1);
  });

  it('cancels what a deleted endpoint was still owed', async () => {
    const hook = path('deleted-later');
    const caller: Caller = { merchantId: `acct_wh_cancel_${run}`, livemode: false };
    receiver.answer(hook, [500]);
    const endpoint = await manualOk(Patterns.WebhookEndpointCreate, { caller, params: { url: `${receiver.base}${hook}`, enabled_events: ['*'] } });
    const source = intentEvent('payment_intent.created', caller);
    await manualBroker.publish(Topics.PaymentsEvents, [{ key: 'k', data: source, headers: {} }]);
    await manual.get(DeliveryDispatcher).drain();
    expect(await deliveryOf(db, endpoint.id)).toEqual([{ status: 'pending', attempts: 1 }]);

    await manualOk(Patterns.WebhookEndpointDelete, { caller, params: { id: endpoint.id } });
    await sleep(300);
    await manual.get(DeliveryDispatcher).drain();
    expect(receiver.at(hook)).toHaveLength(1);
    expect(await deliveryOf(db, endpoint.id)).toEqual([{ status: 'canceled', attempts: 1 }]);
    const [event] = (await db.query(`SELECT "pending_webhooks" FROM "webhooks"."events" WHERE "source_event_id" = $1`, [source.id])) as Array<{ pending_webhooks: number }>;
    expect(event.pending_webhooks).toBe(0);
  });

  it('never sends one delivery twice when two replicas dispatch at once', async () => {
    const caller: Caller = { merchantId: `acct_wh_replicas_${run}`, livemode: false };
    const hooks = [path('replica-a'), path('replica-b'), path('replica-c')];
    for (const hook of hooks) await manualOk(Patterns.WebhookEndpointCreate, { caller, params: { url: `${receiver.base}${hook}`, enabled_events: ['*'] } });
    for (let n = 0; n < 4; n++) await manualBroker.publish(Topics.PaymentsEvents, [{ key: 'k', data: intentEvent('payment_intent.created', caller), headers: {} }]);

    await Promise.all([manual.get(DeliveryDispatcher).drain(), replica.get(DeliveryDispatcher).drain(), replica.get(DeliveryDispatcher).drain()]);
    for (const hook of hooks) {
      const ids = receiver.at(hook).map((request) => JSON.parse(request.body).id as string);
      expect([hook, ids.length, new Set(ids).size]).toEqual([hook, 4, 4]);
    }
  });

  it('records outcomes that come together in one batch, writing nothing for a delivery whose lease was lost', async () => {
    const caller: Caller = { merchantId: `acct_wh_batch_${run}`, livemode: false };
    const endpoints = [];
    for (const name of ['batch-a', 'batch-b', 'batch-c']) {
      endpoints.push(await manualOk(Patterns.WebhookEndpointCreate, { caller, params: { url: `${receiver.base}${path(name)}`, enabled_events: ['*'] } }));
    }
    const source = intentEvent('payment_intent.created', caller);
    await manualBroker.publish(Topics.PaymentsEvents, [{ key: 'k', data: source, headers: {} }]);
    const ours = new Set(endpoints.map((endpoint) => endpoint.id));
    const deliveries = manual.get(DeliveriesRepository);
    const claimed = await deliveries.claimDue(100, 60, `batch-${run}`);
    await Promise.all(claimed.filter((delivery) => !ours.has(delivery.endpointId)).map((delivery) => deliveries.release(delivery)));
    const mine = claimed.filter((delivery) => ours.has(delivery.endpointId));
    expect(mine).toHaveLength(3);
    // Another replica took the first one after its lease ran out.
    await db.query(`UPDATE "webhooks"."webhook_deliveries" SET "claim_token" = 'another-replica' WHERE "id" = $1`, [mine[0].id]);

    const settler = manual.get(DeliverySettler);
    await Promise.all(
      mine.map((delivery) =>
        settler.settle({
          delivery,
          change: { kind: 'succeeded', statusCode: 200 },
          attempt: { deliveryId: delivery.id, attempt: 1, succeeded: true, statusCode: 200, durationMs: 5, error: null, responseBody: null },
          endpoint: null,
        }),
      ),
    );

    const rows = (await db.query(
      `SELECT d."id", d."status", d."attempts", (SELECT COUNT(*)::int FROM "webhooks"."webhook_delivery_attempts" a WHERE a."delivery_id" = d."id") AS "logged"
         FROM "webhooks"."webhook_deliveries" d WHERE d."id" = ANY($1::text[])`,
      [mine.map((delivery) => delivery.id)],
    )) as Array<{ id: string; status: string; attempts: number; logged: number }>;
    const byId = new Map(rows.map(({ id, status, attempts, logged }) => [id, { status, attempts, logged }]));
    expect(mine.map((delivery) => byId.get(delivery.id))).toEqual([
      { status: 'pending', attempts: 0, logged: 0 },
      { status: 'succeeded', attempts: 1, logged: 1 },
      { status: 'succeeded', attempts: 1, logged: 1 },
    ]);
    const [event] = (await db.query(`SELECT "pending_webhooks" FROM "webhooks"."events" WHERE "source_event_id" = $1`, [source.id])) as Array<{ pending_webhooks: number }>;
    expect(event.pending_webhooks).toBe(1);
  });
});

describe('webhook-dispatch takes a batch of domain events at once (group commit)', () => {
  let broker: InProcessBroker;
  let app: INestMicroservice;
  let db: DataSource;
  const owner: Caller = { merchantId: `acct_wh_group_${run}`, livemode: false };

  beforeAll(async () => {
    broker = new InProcessBroker();
    const metrics = new PayrailMetrics();
    app = await startService({ service: ServiceNames.WebhookDispatch, module: WebhookDispatchModule.forRoot({ broker, databaseUrl, env: baseEnv, metrics }), broker, metrics });
    db = app.get(DataSource);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await broker?.close();
  });

  const sourceIdsInStoredOrder = async (sourceIds: string[]): Promise<string[]> =>
    ((await db.query(`SELECT "source_event_id" FROM "webhooks"."events" WHERE "source_event_id" = ANY($1::text[]) ORDER BY "created_at", "id"`, [sourceIds])) as Array<{ source_event_id: string }>).map(
      (row) => row.source_event_id,
    );

  it('records a batch in the order it was published, one delivery per event to a subscribed endpoint, and a redelivered batch changes nothing', async () => {
    const endpoint = await ok(broker, Patterns.WebhookEndpointCreate, { caller: owner, params: { url: `${receiver.base}${path('batch')}`, enabled_events: ['payment_intent.created', 'payment_intent.succeeded'] } });
    const events = Array.from({ length: 40 }, (_, index) => intentEvent(index % 2 === 0 ? 'payment_intent.created' : 'payment_intent.succeeded', owner));
    const batch = events.map((event) => ({ key: event.aggregateId, data: event, headers: {} }));

    await broker.publish(Topics.PaymentsEvents, batch);
    expect(await sourceIdsInStoredOrder(events.map((event) => event.id))).toEqual(events.map((event) => event.id));
    const listed = await ok(broker, Patterns.EventList, { caller: owner, params: { limit: 100 } });
    expect(listed.data.map((event) => event.data.object.id)).toEqual(events.map((event) => event.aggregateId).reverse());
    expect(listed.data.every((event) => event.pending_webhooks <= 1)).toBe(true);
    expect(await deliveryOf(db, endpoint.id)).toHaveLength(40);

    await broker.publish(Topics.PaymentsEvents, batch);
    expect(await sourceIdsInStoredOrder(events.map((event) => event.id))).toHaveLength(40);
    expect(await deliveryOf(db, endpoint.id)).toHaveLength(40);
  });

  it('records a batch from several merchants and modes in one go, each event owed to its own merchant\'s endpoints in its own mode only', async () => {
    const owners: Caller[] = [owner, { ...owner, livemode: true }, { merchantId: `acct_wh_group_other_${run}`, livemode: false }];
    const endpoints = await Promise.all(
      // Live mode takes only https endpoints: its deliveries are checked as owed, not as sent.
      owners.map((caller, index) =>
        ok(broker, Patterns.WebhookEndpointCreate, { caller, params: { url: caller.livemode ? `https://example.com/owners-${run}` : `${receiver.base}${path(`owners-${index}`)}`, enabled_events: ['payment_intent.created'] } }),
      ),
    );
    const events = Array.from({ length: 12 }, (_, index) => intentEvent('payment_intent.created', owners[index % 3]));

    await broker.publish(Topics.PaymentsEvents, events.map((event) => ({ key: event.aggregateId, data: event, headers: {} })));
    expect(await sourceIdsInStoredOrder(events.map((event) => event.id))).toEqual(events.map((event) => event.id));
    for (const [index, endpoint] of endpoints.entries()) {
      const owed = (await db.query(`SELECT e."source_event_id" FROM "webhooks"."webhook_deliveries" d JOIN "webhooks"."events" e ON e."id" = d."event_id" WHERE d."endpoint_id" = $1`, [endpoint.id])) as Array<{ source_event_id: string }>;
      expect(owed.map((row) => row.source_event_id).sort()).toEqual(events.filter((_, n) => n % 3 === index).map((event) => event.id).sort());
    }
  });

  it("tells the edges' live streams of a batch with one notice per merchant and mode, whose events it serves in stored order to their owner only", async () => {
    const owners: Caller[] = [{ merchantId: `acct_wh_notice_${run}`, livemode: false }, { merchantId: `acct_wh_notice_${run}`, livemode: true }, { merchantId: `acct_wh_notice_other_${run}`, livemode: false }];
    const notices: RecordedEvent[] = [];
    const ours = (notice: RecordedEvent) => owners.some((caller) => caller.merchantId === notice.merchantId);
    await broker.consumeEvents(`test.notices.${run}`, new Map([[Topics.RecordedEvents, async (event) => void (ours(event.data as RecordedEvent) && notices.push(event.data as RecordedEvent))]]), { ephemeral: true });
    const events = Array.from({ length: 9 }, (_, index) => intentEvent('payment_intent.created', owners[index % 3]));

    await broker.publish(Topics.PaymentsEvents, events.map((event) => ({ key: event.aggregateId, data: event, headers: {} })));
    await until(async () => notices.length >= owners.length);

    expect(notices).toHaveLength(owners.length);
    for (const [index, caller] of owners.entries()) {
      const notice = notices.find((candidate) => candidate.merchantId === caller.merchantId && candidate.livemode === caller.livemode)!;
      expect(notice).toMatchObject({ type: 'events.recorded', aggregateId: caller.merchantId });
      const ids = notice.type === 'events.recorded' ? notice.data.object.ids : [];
      const positioned = await ok(broker, Patterns.EventsPositioned, { caller, params: { ids: [...ids].reverse() } });
      expect(positioned.data.map(({ event }) => event.data.object.id)).toEqual(events.filter((_, n) => n % 3 === index).map((event) => event.aggregateId));
      expect(positioned.data.map(({ event }) => event.id)).toEqual(ids);
      expect([...positioned.data.map(({ position }) => position)].sort()).toEqual(positioned.data.map(({ position }) => position));
      // Another merchant's ids, or the same merchant's in the other mode, are nobody's here.
      expect((await ok(broker, Patterns.EventsPositioned, { caller: owners[(index + 1) % 3], params: { ids } })).data).toEqual([]);
    }
  });

  it('records the rest of a batch when one of its events cannot be recorded; that one is delivered again', async () => {
    const good = Array.from({ length: 6 }, (_, index) => ledgerEvent(`${index}`));
    // No merchant: the events table refuses it, so the batch fails and its events are recorded one by one.
    const poison = { ...ledgerEvent('poison'), merchantId: null } as unknown as LedgerEvent;
    const published = [...good.slice(0, 3), poison, ...good.slice(3)];
    void broker.publish(Topics.LedgerEvents, published.map((event) => ({ key: event.aggregateId, data: event, headers: {} }))).catch(() => undefined);

    await until(async () => (await sourceIdsInStoredOrder(good.map((event) => event.id))).length === good.length);
    expect(await sourceIdsInStoredOrder(good.map((event) => event.id))).toEqual(good.map((event) => event.id));
    expect(await sourceIdsInStoredOrder([poison.id])).toEqual([]);
    expect(broker.eventLag(ServiceNames.WebhookDispatch)).toBeGreaterThan(0);
  });

  function ledgerEvent(suffix: string): LedgerEvent {
    const id = `tr_batch${run}${suffix}`;
    return {
      id: `evt_ledger${run}${suffix}`,
      type: 'transaction.created',
      aggregateId: id,
      merchantId: owner.merchantId,
      livemode: false,
      occurredAt: Math.floor(Date.now() / 1000),
      requestId: '',
      idempotencyKey: null,
      data: { object: { id, object: 'transfer' } as TransferResource },
    } as LedgerEvent;
  }
});

async function until(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await sleep(50);
  }
}
