import 'reflect-metadata';
import crypto, { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Patterns, ServiceNames, Topics, type Caller, type PatternMap, type PaymentIntentResource, type PaymentsEvent, type UpdateWebhookEndpointParams } from '@payrail/contracts';
import { InProcessBroker, startService, type Reply } from '@payrail/messaging';
import { openTestDatabase, type TestDatabase } from '@payrail/testing';
import { Webhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { DataSource } from 'typeorm';
import { DeliveryDispatcher } from './deliveries/delivery-dispatcher.js';
import { WebhookDispatchModule } from './webhook-dispatch.module.js';

const run = randomBytes(4).toString('hex');
const stripe = new Stripe('sk_test_x');
const baseEnv = {
  ...process.env,
  PAYRAIL_SECRETS_KEY: randomBytes(32).toString('hex'),
  PAYRAIL_WEBHOOK_RETRY_SCHEDULE_MS: '200,400',
  PAYRAIL_WEBHOOK_POLL_MS: '50',
  PAYRAIL_WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'on',
};

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** Endpoints on loopback, one path each: answering a status and body, or never answering at all. */
class Receiver {
  readonly received: Received[] = [];
  private readonly statuses = new Map<string, number[]>();
  private readonly bodies = new Map<string, string>();
  private readonly silent = new Set<string>();
  private readonly held: ServerResponse[] = [];
  private server!: Server;
  base = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const path = req.url ?? '/';
        this.received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
        if (this.silent.has(path)) return void this.held.push(res);
        res.writeHead(this.statuses.get(path)?.shift() ?? 200).end(this.bodies.get(path) ?? '');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  answer(path: string, statuses: number[], body?: string): void {
    this.statuses.set(path, statuses);
    if (body !== undefined) this.bodies.set(path, body);
  }

  neverAnswer(path: string): void {
    this.silent.add(path);
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

/** The Payment Engine document's Node verifier, as written there. */
function paymentEngineVerifies(payload: string, signature: string, secret: string): boolean {
  const expectedHeader = `sha256=${crypto.createHmac('sha256', secret).update(payload, 'utf8').digest('hex')}`;
  return signature.length === expectedHeader.length && crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expectedHeader));
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

function path(name: string): string {
  sequence += 1;
  return `/${name}-${sequence}`;
}

function merchant(name: string): Caller {
  return { merchantId: `acct_wp_${name}_${run}`, livemode: false };
}

function intentEvent(type: PaymentsEvent['type'], owner: Caller): PaymentsEvent {
  sequence += 1;
  const intent = { id: `pi_wp${run}${sequence}`, object: 'payment_intent', amount: 2000, currency: 'usd', status: 'succeeded', livemode: false };
  return {
    id: `evt_source_wp${run}${sequence}`,
    type,
    aggregateId: intent.id,
    merchantId: owner.merchantId,
    livemode: owner.livemode,
    occurredAt: Math.floor(Date.now() / 1000),
    requestId: null,
    idempotencyKey: null,
    data: { object: intent as unknown as PaymentIntentResource },
  } as PaymentsEvent;
}

/** A webhook-dispatch on the spec's database; `env` overrides the base environment. */
async function boot(env: Record<string, string>) {
  const broker = new InProcessBroker();
  const app = await startService({
    service: ServiceNames.WebhookDispatch,
    module: WebhookDispatchModule.forRoot({ broker, databaseUrl, env: { ...baseEnv, ...env } }),
    broker,
  });
  const send = <P extends keyof PatternMap>(pattern: P, request: PatternMap[P]['request']): Promise<Reply> =>
    broker.request(pattern, request, { timeoutMs: 5000, headers: {} });
  const call = async <P extends keyof PatternMap>(pattern: P, request: PatternMap[P]['request']): Promise<PatternMap[P]['reply']> => {
    const reply = await send(pattern, request);
    if (!reply.ok) throw new Error(`${pattern} failed: ${JSON.stringify(reply.error)}`);
    return reply.data as PatternMap[P]['reply'];
  };
  const publish = (event: PaymentsEvent) => broker.publish(Topics.PaymentsEvents, [{ key: event.aggregateId, data: event, headers: {} }]);
  const close = async () => {
    await app.close();
    await broker.close();
  };
  return { app, db: app.get(DataSource), send, call, publish, close, dispatcher: app.get(DeliveryDispatcher) };
}

describe('signature schemes and rotation, delivered for real', () => {
  let service: Awaited<ReturnType<typeof boot>>;
  const owner = merchant('schemes');

  beforeAll(async () => {
    service = await boot({});
  }, 60_000);
  afterAll(() => service?.close());

  it('signs each endpoint\'s deliveries under its scheme, as the integrators\' verifiers accept', async () => {
    const hooks = { payrail: path('payrail'), stripe: path('stripe'), standard: path('standard'), hex: path('hex') };
    const create = (hook: string, signature_scheme?: string) =>
      service.call(Patterns.WebhookEndpointCreate, { caller: owner, params: { url: `${receiver.base}${hook}`, enabled_events: ['payment_intent.succeeded'], signature_scheme } });
    const payrail = await create(hooks.payrail);
    const stripeStyle = await create(hooks.stripe, 'stripe');
    const standard = await create(hooks.standard, 'standard-webhooks');
    const hex = await create(hooks.hex, 'sha256-hex');
    expect([payrail, stripeStyle, standard, hex].map((endpoint) => endpoint.signature_scheme)).toEqual(['payrail', 'stripe', 'standard-webhooks', 'sha256-hex']);
    expect(standard.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);

    await service.publish(intentEvent('payment_intent.succeeded', owner));
    const [[a], [b], [c], [d]] = await Promise.all(Object.values(hooks).map((hook) => receiver.waitFor(hook, 1)));
    expect(stripe.webhooks.constructEvent(a.body, a.headers['payments-signature'] as string, payrail.secret!).type).toBe('payment_intent.succeeded');
    expect(b.headers['payments-signature']).toBeUndefined();
    expect(stripe.webhooks.constructEvent(b.body, b.headers['stripe-signature'] as string, stripeStyle.secret!).type).toBe('payment_intent.succeeded');
    const verified = new Webhook(standard.secret!).verify(c.body, c.headers as Record<string, string>) as { id: string };
    expect(c.headers['webhook-id']).toBe(verified.id);
    expect(paymentEngineVerifies(d.body, d.headers['x-webhook-signature'] as string, hex.secret!)).toBe(true);
    // The same event reaches every endpoint with the same id, for receivers to deduplicate on.
    expect(new Set([a, b, c, d].map((delivery) => JSON.parse(delivery.body).id)).size).toBe(1);
  });

  it('rotates a secret: both sign during the overlap, only the new one after', async () => {
    const hook = path('rotating');
    const endpoint = await service.call(Patterns.WebhookEndpointCreate, { caller: owner, params: { url: `${receiver.base}${hook}`, enabled_events: ['charge.succeeded'] } });
    const rotated = await service.call(Patterns.WebhookEndpointRotateSecret, { caller: owner, params: { id: endpoint.id, expires_in: 3600 } });
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(endpoint.secret);
    expect(rotated.previous_secret_expires! - Date.now() / 1000).toBeGreaterThan(3500);
    expect(await service.call(Patterns.WebhookEndpointRetrieve, { caller: owner, params: { id: endpoint.id } })).not.toHaveProperty('secret');

    await service.publish(intentEvent('charge.succeeded', owner));
    const [during] = await receiver.waitFor(hook, 1);
    const header = during.headers['payments-signature'] as string;
    expect(header.match(/v1=/g)).toHaveLength(2);
    for (const secret of [endpoint.secret!, rotated.secret!]) expect(stripe.webhooks.constructEvent(during.body, header, secret).type).toBe('charge.succeeded');

    const again = await service.call(Patterns.WebhookEndpointRotateSecret, { caller: owner, params: { id: endpoint.id, expires_in: 0 } });
    expect(again.previous_secret_expires).toBeNull();
    await service.publish(intentEvent('charge.succeeded', owner));
    const [, after] = await receiver.waitFor(hook, 2);
    const afterHeader = after.headers['payments-signature'] as string;
    expect(afterHeader.match(/v1=/g)).toHaveLength(1);
    expect(stripe.webhooks.constructEvent(after.body, afterHeader, again.secret!).type).toBe('charge.succeeded');
    expect(() => stripe.webhooks.constructEvent(after.body, afterHeader, rotated.secret!)).toThrow();

    const badOverlap = await service.send(Patterns.WebhookEndpointRotateSecret, { caller: owner, params: { id: endpoint.id, expires_in: 8 * 86_400 } });
    expect(badOverlap).toMatchObject({ ok: false, error: { code: 'parameter_invalid', param: 'expires_in' } });
  });

  it('updates an endpoint, refusing unknown event types by name, and stops and resumes deliveries', async () => {
    const hook = path('updated');
    const endpoint = await service.call(Patterns.WebhookEndpointCreate, { caller: owner, params: { url: `${receiver.base}/elsewhere`, enabled_events: ['charge.failed'], metadata: { a: '1', b: '2' } } });
    const updated = await service.call(Patterns.WebhookEndpointUpdate, {
      caller: owner,
      params: { id: endpoint.id, url: `${receiver.base}${hook}`, enabled_events: ['checkout.session.completed', 'refund.created'], description: 'moved', metadata: { b: '', c: '3' }, retry_schedule: [60, 300, 900] },
    });
    expect(updated).toMatchObject({ url: `${receiver.base}${hook}`, enabled_events: ['checkout.session.completed', 'refund.created'], description: 'moved', metadata: { a: '1', c: '3' }, retry_schedule: [60, 300, 900], status: 'enabled' });
    const refusals: Array<[Partial<UpdateWebhookEndpointParams>, string]> = [
      [{ enabled_events: ['charge.exploded'] }, 'enabled_events'],
      [{ url: 'ftp://example.com' }, 'url'],
      [{ retry_schedule: [0] }, 'retry_schedule'],
    ];
    for (const [params, param] of refusals) {
      expect(await service.send(Patterns.WebhookEndpointUpdate, { caller: owner, params: { id: endpoint.id, ...params } })).toMatchObject({ ok: false, error: { code: 'parameter_invalid', param } });
    }
    expect(await service.call(Patterns.WebhookEndpointRetrieve, { caller: owner, params: { id: endpoint.id } })).toEqual(updated);
    expect(await service.send(Patterns.WebhookEndpointUpdate, { caller: merchant('stranger'), params: { id: endpoint.id, disabled: true } })).toMatchObject({ ok: false, error: { code: 'resource_missing' } });

    await service.call(Patterns.WebhookEndpointUpdate, { caller: owner, params: { id: endpoint.id, enabled_events: ['*'], disabled: true } });
    await service.publish(intentEvent('payment_intent.created', owner));
    await sleep(400);
    expect(receiver.at(hook)).toEqual([]);
    expect((await service.call(Patterns.WebhookEndpointUpdate, { caller: owner, params: { id: endpoint.id, disabled: false, retry_schedule: [] } }))).toMatchObject({ status: 'enabled', retry_schedule: null });
    await service.publish(intentEvent('payment_intent.created', owner));
    await receiver.waitFor(hook, 1);
  });

  it('shows every attempt, with the receiver\'s answer capped and redacted, per endpoint and per event', async () => {
    const hook = path('logged');
    receiver.answer(hook, [500], `{"error":"down","leaked":"sk_live_${'a'.repeat(24)}","pad":"${'x'.repeat(3000)}"}`);
    const endpoint = await service.call(Patterns.WebhookEndpointCreate, { caller: owner, params: { url: `${receiver.base}${hook}`, enabled_events: ['payment_intent.processing'] } });
    await service.publish(intentEvent('payment_intent.processing', owner));
    await receiver.waitFor(hook, 2);
    let list = await service.call(Patterns.WebhookEndpointDeliveries, { caller: owner, params: { id: endpoint.id } });
    for (let tries = 0; list.data[0]?.status !== 'succeeded' && tries < 100; tries++) {
      await sleep(50);
      list = await service.call(Patterns.WebhookEndpointDeliveries, { caller: owner, params: { id: endpoint.id } });
    }
    expect(list).toMatchObject({ object: 'list', has_more: false, url: `/v1/webhook_endpoints/${endpoint.id}/deliveries` });
    const [delivery] = list.data;
    expect(delivery).toMatchObject({ object: 'webhook_delivery', webhook_endpoint: endpoint.id, status: 'succeeded', attempt_count: 2, next_retry: null });
    expect(delivery.attempts.map((attempt) => [attempt.attempt, attempt.status, attempt.response_status_code])).toEqual([[1, 'failed', 500], [2, 'succeeded', 200]]);
    const failedBody = delivery.attempts[0].response_body!;
    expect(failedBody.length).toBeLessThanOrEqual(1024);
    expect(failedBody).toContain('"error":"down"');
    expect(failedBody).toContain('sk_live_[REDACTED]');
    expect(failedBody).not.toMatch(/sk_live_a{24}/);
    expect(delivery.attempts[0].latency_ms).toEqual(expect.any(Number));

    const byEvent = await service.call(Patterns.EventDeliveries, { caller: owner, params: { id: delivery.event } });
    expect(byEvent.data).toContainEqual(delivery);
    expect(byEvent.data.every((each) => each.event === delivery.event)).toBe(true);
    expect(await service.send(Patterns.EventDeliveries, { caller: merchant('stranger'), params: { id: delivery.event } })).toMatchObject({ ok: false, error: { code: 'resource_missing' } });
    expect(await service.send(Patterns.WebhookEndpointDeliveries, { caller: merchant('stranger'), params: { id: endpoint.id } })).toMatchObject({ ok: false, error: { code: 'resource_missing' } });
  });

  it('resends an event with the same id, to one endpoint or to all subscribed, and sends a signed test event', async () => {
    const [first, second] = [path('resend-a'), path('resend-b')];
    const a = await service.call(Patterns.WebhookEndpointCreate, { caller: owner, params: { url: `${receiver.base}${first}`, enabled_events: ['payment_intent.canceled'] } });
    await service.call(Patterns.WebhookEndpointCreate, { caller: owner, params: { url: `${receiver.base}${second}`, enabled_events: ['payment_intent.canceled'] } });
    await service.publish(intentEvent('payment_intent.canceled', owner));
    const [original] = await receiver.waitFor(first, 1);
    await receiver.waitFor(second, 1);
    const eventId = JSON.parse(original.body).id as string;
    // Resent once the first attempts are recorded: a resend while an attempt is still in flight is not yet kept
    // (the reopened delivery is settled by that attempt's outcome), a known gap this spec does not cover.
    for (let tries = 0; tries < 200; tries++) {
      const recorded = await service.call(Patterns.EventDeliveries, { caller: owner, params: { id: eventId } });
      if (recorded.data.length === 2 && recorded.data.every((delivery) => delivery.status === 'succeeded')) break;
      await sleep(50);
    }

    await service.call(Patterns.EventResend, { caller: owner, params: { id: eventId, webhook_endpoint: a.id } });
    const [, resent] = await receiver.waitFor(first, 2);
    expect(JSON.parse(resent.body).id).toBe(eventId);
    expect(stripe.webhooks.constructEvent(resent.body, resent.headers['payments-signature'] as string, a.secret!).id).toBe(eventId);
    await sleep(200);
    expect(receiver.at(second)).toHaveLength(1);

    await service.call(Patterns.EventResend, { caller: owner, params: { id: eventId } });
    await receiver.waitFor(first, 3);
    await receiver.waitFor(second, 2);
    // The receiver hears an attempt before the dispatcher records its answer.
    let log = await service.call(Patterns.EventDeliveries, { caller: owner, params: { id: eventId } });
    const attemptsOfA = () => log.data.find((delivery) => delivery.webhook_endpoint === a.id)?.attempts.length ?? 0;
    for (let tries = 0; attemptsOfA() < 3 && tries < 100; tries++) {
      await sleep(50);
      log = await service.call(Patterns.EventDeliveries, { caller: owner, params: { id: eventId } });
    }
    const paged: string[] = [];
    for (let page = await service.call(Patterns.EventDeliveries, { caller: owner, params: { id: eventId, limit: 1 } }); ; ) {
      paged.push(...page.data.map((delivery) => delivery.id));
      if (!page.has_more) break;
      page = await service.call(Patterns.EventDeliveries, { caller: owner, params: { id: eventId, limit: 1, starting_after: paged.at(-1) } });
    }
    expect(paged).toEqual(log.data.map((delivery) => delivery.id));
    expect(paged.length).toBeGreaterThanOrEqual(2);
    const ofA = log.data.find((delivery) => delivery.webhook_endpoint === a.id)!;
    expect(ofA.attempts.map((attempt) => attempt.attempt)).toEqual([1, 2, 3]);
    expect(await service.send(Patterns.EventResend, { caller: owner, params: { id: eventId, webhook_endpoint: 'we_missing' } })).toMatchObject({ ok: false, error: { code: 'resource_missing', param: 'webhook_endpoint' } });

    const test = await service.call(Patterns.WebhookEndpointTest, { caller: owner, params: { id: a.id } });
    expect(test).toMatchObject({ object: 'event', type: 'payrail.test', data: { object: { id: a.id, object: 'webhook_endpoint' } } });
    const [, , , tested] = await receiver.waitFor(first, 4);
    expect(stripe.webhooks.constructEvent(tested.body, tested.headers['payments-signature'] as string, a.secret!)).toMatchObject({ id: test.id, type: 'payrail.test' });
    await sleep(200);
    expect(receiver.at(second)).toHaveLength(2);
  });
});

describe('with the poller off and the clock moved by hand', () => {
  let service: Awaited<ReturnType<typeof boot>>;

  beforeAll(async () => {
    service = await boot({ PAYRAIL_WEBHOOK_DISPATCH: 'off' });
  }, 60_000);
  afterAll(() => service?.close());

  /** Makes the endpoint's pending deliveries due now, as if their delay had passed; returns the delay that was left, in seconds. */
  async function skipDelay(endpointId: string): Promise<number> {
    const [row] = (await service.db.query(
      `SELECT EXTRACT(EPOCH FROM ("next_attempt_at" - "updated_at"))::float AS "delay" FROM "webhooks"."webhook_deliveries" WHERE "endpoint_id" = $1 AND "status" = 'pending'`,
      [endpointId],
    )) as Array<{ delay: number }>;
    await service.db.query(`UPDATE "webhooks"."webhook_deliveries" SET "next_attempt_at" = now() WHERE "endpoint_id" = $1 AND "status" = 'pending'`, [endpointId]);
    return Math.round(row.delay);
  }

  it('runs the gateway document\'s retry schedule as written: 1, 5 and 15 minutes, then failed', async () => {
    const owner = merchant('gateway-schedule');
    const hook = path('gateway-schedule');
    receiver.answer(hook, [503, 503, 503, 503]);
    const endpoint = await service.call(Patterns.WebhookEndpointCreate, {
      caller: owner,
      params: { url: `${receiver.base}${hook}`, enabled_events: ['payment_intent.succeeded'], retry_schedule: [60, 300, 900] },
    });
    await service.publish(intentEvent('payment_intent.succeeded', owner));
    await service.dispatcher.drain();
    const delays: number[] = [];
    for (let retry = 0; retry < 3; retry++) {
      const [delivery] = (await service.call(Patterns.WebhookEndpointDeliveries, { caller: owner, params: { id: endpoint.id } })).data;
      expect(delivery).toMatchObject({ status: 'pending', attempt_count: retry + 1 });
      delays.push(await skipDelay(endpoint.id));
      await service.dispatcher.drain();
    }
    expect(delays).toEqual([60, 300, 900]);
    const [delivery] = (await service.call(Patterns.WebhookEndpointDeliveries, { caller: owner, params: { id: endpoint.id } })).data;
    expect(delivery).toMatchObject({ status: 'failed', attempt_count: 4, next_retry: null });
    expect(receiver.at(hook)).toHaveLength(4);
  });

  it('disables an endpoint that failed every attempt for three days, tells the merchant\'s other endpoints, and re-enables on update', async () => {
    const owner = merchant('disabling');
    const [dead, watcher] = [path('dead'), path('watcher')];
    receiver.answer(dead, Array(10).fill(500));
    const failing = await service.call(Patterns.WebhookEndpointCreate, { caller: owner, params: { url: `${receiver.base}${dead}`, enabled_events: ['charge.failed'] } });
    const other = await service.call(Patterns.WebhookEndpointCreate, { caller: owner, params: { url: `${receiver.base}${watcher}`, enabled_events: ['webhook_endpoint.disabled'] } });
    await service.publish(intentEvent('charge.failed', owner));
    await service.publish(intentEvent('charge.failed', owner));
    await service.dispatcher.drain();
    expect(receiver.at(dead)).toHaveLength(2);
    expect((await service.call(Patterns.WebhookEndpointRetrieve, { caller: owner, params: { id: failing.id } })).status).toBe('enabled');

    // Three days of failures go by.
    await service.db.query(`UPDATE "webhooks"."webhook_endpoints" SET "failing_since" = now() - interval '3 days 1 minute' WHERE "id" = $1`, [failing.id]);
    await skipDelay(failing.id);
    await service.dispatcher.drain();
    expect(receiver.at(dead)).toHaveLength(4);
    expect((await service.call(Patterns.WebhookEndpointRetrieve, { caller: owner, params: { id: failing.id } })).status).toBe('disabled');
    const [notice] = receiver.at(watcher);
    expect(stripe.webhooks.constructEvent(notice.body, notice.headers['payments-signature'] as string, other.secret!)).toMatchObject({
      type: 'webhook_endpoint.disabled',
      data: { object: { id: failing.id, status: 'disabled' } },
    });
    const owed = await service.call(Patterns.WebhookEndpointDeliveries, { caller: owner, params: { id: failing.id } });
    expect(owed.data.map((delivery) => delivery.status).sort()).toEqual(['canceled', 'canceled']);

    expect(await service.call(Patterns.WebhookEndpointUpdate, { caller: owner, params: { id: failing.id, disabled: false } })).toMatchObject({ status: 'enabled' });
    const [row] = (await service.db.query(`SELECT "failing_since" FROM "webhooks"."webhook_endpoints" WHERE "id" = $1`, [failing.id])) as Array<{ failing_since: Date | null }>;
    expect(row.failing_since).toBeNull();
    await service.publish(intentEvent('charge.failed', owner));
    await service.dispatcher.drain();
    expect(receiver.at(dead)).toHaveLength(5);
  });
});

describe('one endpoint that never answers beside one that answers at once', () => {
  let service: Awaited<ReturnType<typeof boot>>;

  beforeAll(async () => {
    service = await boot({ PAYRAIL_WEBHOOK_TIMEOUT_MS: '8000', PAYRAIL_WEBHOOK_ENDPOINT_CONCURRENCY: '2' });
  }, 60_000);
  afterAll(() => service?.close(), 30_000);

  it('delays the fast endpoint\'s deliveries not at all', async () => {
    const owner = merchant('head-of-line');
    const [dead, fast] = [path('never'), path('fast')];
    receiver.neverAnswer(dead);
    await service.call(Patterns.WebhookEndpointCreate, { caller: owner, params: { url: `${receiver.base}${dead}`, enabled_events: ['*'] } });
    await service.call(Patterns.WebhookEndpointCreate, { caller: owner, params: { url: `${receiver.base}${fast}`, enabled_events: ['*'] } });
    const published = new Map<string, number>();
    for (let n = 0; n < 12; n++) {
      const event = intentEvent('payment_intent.created', owner);
      await service.publish(event);
      published.set(event.aggregateId, Date.now());
    }
    const received = await receiver.waitFor(fast, 12, 6_000);
    // Each of the fast endpoint's deliveries landed soon after its event, while the dead one still held its first requests.
    const lags = received.map((request) => request.at - published.get(JSON.parse(request.body).data.object.id)!);
    expect(Math.max(...lags)).toBeLessThan(1_500);
    expect(receiver.at(dead).length).toBeLessThanOrEqual(2);
  }, 20_000);
});
