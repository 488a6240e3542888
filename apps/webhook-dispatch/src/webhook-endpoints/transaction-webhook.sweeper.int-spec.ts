import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { INestMicroservice } from '@nestjs/common';
import {
  Patterns,
  ServiceNames,
  Topics,
  type Caller,
  type ChargeResource,
  type CheckoutNotificationsEvent,
  type CheckoutSessionResource,
  type PatternMap,
  type PaymentIntentResource,
  type PaymentsEvent,
} from '@payrail/contracts';
import { InProcessBroker, startService } from '@payrail/messaging';
import { openTestDatabase, WebhookReceiver, type TestDatabase } from '@payrail/testing';
import { DataSource } from 'typeorm';
import { BackfillTransactionWebhookEndings1768600000001 } from '../migrations/1768600000001-BackfillTransactionWebhookEndings.js';
import { WebhookDispatchModule } from '../webhook-dispatch.module.js';
import { TransactionWebhookSweeper } from './transaction-webhook.sweeper.js';

const run = randomBytes(4).toString('hex');
const merchant: Caller = { merchantId: `acct_sweep_${run}`, livemode: false };
const RETENTION_SECONDS = 3600;
const env = {
  ...process.env,
  PAYRAIL_SECRETS_KEY: randomBytes(32).toString('hex'),
  // A failed notification is tried once more, 1.5 s later, then given up.
  PAYRAIL_TRANSACTION_WEBHOOK_RETRY_SCHEDULE_MS: '1500',
  PAYRAIL_TRANSACTION_WEBHOOK_RETENTION_SECONDS: String(RETENTION_SECONDS),
  PAYRAIL_WEBHOOK_POLL_MS: '50',
  // An endpoint failing for a second is disabled: its second failed attempt disables it.
  PAYRAIL_WEBHOOK_DISABLE_AFTER_SECONDS: '1',
  PAYRAIL_WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'on',
};

let sequence = 0;
const next = (prefix: string) => `${prefix}_sweep${run}${(sequence += 1)}`;

function envelope<E extends PaymentsEvent | CheckoutNotificationsEvent>(type: E['type'], aggregateId: string, object: E['data']['object']): E {
  return { id: next('evt'), type, aggregateId, merchantId: merchant.merchantId, livemode: false, occurredAt: Math.floor(Date.now() / 1000), requestId: null, idempotencyKey: null, data: { object } } as E;
}

function session(id: string, status: 'expired' | 'complete', paymentIntent: string | null): CheckoutSessionResource {
  return { id, object: 'checkout.session', amount_total: 150000, currency: 'inr', payment_intent: paymentIntent, status, livemode: false } as CheckoutSessionResource;
}

/**
 * Hidden endpoints of single transactions are retired once they can be sent nothing more, by the sweeper
 * run with a clock of the spec's choosing: soft-deleted, so that their deliveries stay listed.
 */
describe('retiring the hidden endpoints of gateway API transactions', () => {
  let postgres: TestDatabase | undefined;
  let broker: InProcessBroker;
  let app: INestMicroservice;
  let db: DataSource;
  let sweeper: TransactionWebhookSweeper;
  let receiver: WebhookReceiver;
  let refusing: WebhookReceiver;

  beforeAll(async () => {
    postgres = await openTestDatabase();
    receiver = await WebhookReceiver.start();
    refusing = await WebhookReceiver.start();
    broker = new InProcessBroker();
    // The auth service's part, which these retirements do not depend on: it signs each notification.
    await broker.serveRequests(ServiceNames.Auth, new Map([[Patterns.AuthSigningKeySignNotification, async () => ({ ok: true as const, data: { key: 'hk_sweep', signature: 'signed' } })]]));
    app = await startService({ service: ServiceNames.WebhookDispatch, module: WebhookDispatchModule.forRoot({ broker, databaseUrl: postgres.url, env }), broker });
    db = app.get(DataSource);
    sweeper = app.get(TransactionWebhookSweeper);
    // Its boot pass must be over before the spec's endpoints exist, or it may retire some of them itself.
    await sweeper.idle();
  }, 60_000);

  afterAll(async () => {
    await broker?.close();
    await app?.close();
    await receiver?.stop();
    await refusing?.stop();
    await postgres?.stop();
  });

  async function call<P extends keyof PatternMap>(pattern: P, request: PatternMap[P]['request']): Promise<PatternMap[P]['reply']> {
    const reply = await broker.request(pattern, request, { timeoutMs: 5000, headers: {} });
    if (!reply.ok) throw new Error(`${pattern} failed: ${JSON.stringify(reply.error)}`);
    return reply.data as PatternMap[P]['reply'];
  }

  /** A transaction whose notifications go to `url`, as payments announces it; resolves once webhook-dispatch has it. */
  async function transaction(url: string): Promise<{ session: string; endpoint: string }> {
    const id = next('cs');
    const target = envelope<CheckoutNotificationsEvent>('checkout.notification_target.created', id, { session: id, order_id: `ORD-${id}`, url, signing_key: 'hk_sweep' });
    await broker.publish(Topics.CheckoutNotifications, [{ key: id, data: target, headers: {} }]);
    const [row] = (await db.query(`SELECT "id" FROM "webhooks"."webhook_endpoints" WHERE "transaction"->>'id' = $1`, [id])) as Array<{ id: string }>;
    return { session: id, endpoint: row!.id };
  }

  const paymentsEvent = (event: PaymentsEvent) => broker.publish(Topics.PaymentsEvents, [{ key: event.aggregateId, data: event, headers: {} }]);

  async function deliveriesTo(endpoint: string): Promise<Array<{ status: string; attempts: number }>> {
    return db.query(`SELECT "status", "attempts" FROM "webhooks"."webhook_deliveries" WHERE "endpoint_id" = $1 ORDER BY "created_at"`, [endpoint]);
  }

  async function retired(endpoint: string): Promise<boolean> {
    const [row] = (await db.query(`SELECT "deleted_at" FROM "webhooks"."webhook_endpoints" WHERE "id" = $1`, [endpoint])) as Array<{ deleted_at: Date | null }>;
    return row!.deleted_at !== null;
  }

  async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (accept(value) || Date.now() > deadline) return value;
      await sleep(50);
    }
  }

  it('retires an unpaid one once its payment.failed is given up, a paid one after the retention, and never an open one', async () => {
    const unpaid = await transaction(refusing.url);
    const paid = await transaction(receiver.url);
    const open = await transaction(receiver.url);
    const paymentIntent = next('pi');

    refusing.failNext(2);
    await paymentsEvent(envelope<PaymentsEvent>('checkout.session.expired', unpaid.session, session(unpaid.session, 'expired', null)));
    await paymentsEvent(envelope<PaymentsEvent>('checkout.session.completed', paid.session, session(paid.session, 'complete', paymentIntent)));
    await eventually(() => deliveriesTo(unpaid.endpoint), (rows) => rows[0]?.attempts === 1);
    await eventually(() => deliveriesTo(paid.endpoint), (rows) => rows[0]?.status === 'succeeded');

    // payment.failed failed once and waits for its retry: the endpoint may still receive it.
    expect(await deliveriesTo(unpaid.endpoint)).toEqual([{ status: 'pending', attempts: 1 }]);
    const now = new Date();
    expect(await sweeper.runOnce(now)).toBe(0);
    expect([await retired(unpaid.endpoint), await retired(paid.endpoint), await retired(open.endpoint)]).toEqual([false, false, false]);

    // Given up after its last retry: nothing more can be sent to it.
    expect(await eventually(() => deliveriesTo(unpaid.endpoint), (rows) => rows[0]?.status === 'failed')).toEqual([{ status: 'failed', attempts: 2 }]);
    expect(await sweeper.runOnce(now)).toBe(1);
    expect(await retired(unpaid.endpoint)).toBe(true);

    // The paid one hears of refunds and disputes for the retention, then is retired; the open one stays.
    expect(await sweeper.runOnce(new Date(now.getTime() + (RETENTION_SECONDS - 60) * 1000))).toBe(0);
    expect(await sweeper.runOnce(new Date(now.getTime() + (RETENTION_SECONDS + 60) * 1000))).toBe(1);
    expect([await retired(paid.endpoint), await retired(open.endpoint)]).toEqual([true, false]);
    expect(await sweeper.runOnce(new Date(now.getTime() + 365 * 86_400_000))).toBe(0);

    // Retired, it is sent nothing more: a late refund of the paid one reaches no one.
    const refund = { id: next('ch'), object: 'charge', amount: 150000, amount_refunded: 50000, currency: 'inr', payment_intent: paymentIntent } as ChargeResource;
    await paymentsEvent(envelope<PaymentsEvent>('charge.refunded', refund.id, refund));
    await sleep(300);
    expect(await deliveriesTo(paid.endpoint)).toEqual([{ status: 'succeeded', attempts: 1 }]);
  });

  it('retires one that its failures disabled before the session expired', async () => {
    const failing = await transaction(refusing.url);
    const paymentIntent = next('pi');
    await broker.publish(Topics.CheckoutNotifications, [
      { key: failing.session, data: envelope<CheckoutNotificationsEvent>('checkout.payment_intent.attached', failing.session, { session: failing.session, payment_intent: paymentIntent }), headers: {} },
    ]);
    refusing.failNext(2);
    const intent = { id: paymentIntent, object: 'payment_intent', amount: 150000, currency: 'inr', status: 'processing', livemode: false } as PaymentIntentResource;
    await paymentsEvent(envelope<PaymentsEvent>('payment_intent.processing', paymentIntent, intent));
    const disabled = async () => ((await db.query(`SELECT "status" FROM "webhooks"."webhook_endpoints" WHERE "id" = $1`, [failing.endpoint])) as Array<{ status: string }>)[0]!.status;
    expect(await eventually(disabled, (status) => status === 'disabled')).toBe('disabled');

    await paymentsEvent(envelope<PaymentsEvent>('checkout.session.expired', failing.session, session(failing.session, 'expired', paymentIntent)));
    expect(await deliveriesTo(failing.endpoint)).toEqual([{ status: 'failed', attempts: 2 }]);
    expect(await sweeper.runOnce()).toBe(1);
    expect(await retired(failing.endpoint)).toBe(true);
  });

  it('retires those made before their sessions\' endings were recorded on them, once the backfill read the endings', async () => {
    const older = await transaction(receiver.url);
    await paymentsEvent(envelope<PaymentsEvent>('checkout.session.expired', older.session, session(older.session, 'expired', null)));
    await eventually(() => deliveriesTo(older.endpoint), (rows) => rows[0]?.status === 'succeeded');
    await db.query(`UPDATE "webhooks"."webhook_endpoints" SET "transaction" = "transaction" - 'ended' - 'ended_at' WHERE "id" = $1`, [older.endpoint]);
    await sweeper.runOnce();
    expect(await retired(older.endpoint)).toBe(false);

    const runner = db.createQueryRunner();
    try {
      await new BackfillTransactionWebhookEndings1768600000001().up(runner);
    } finally {
      await runner.release();
    }
    await sweeper.runOnce();
    expect(await retired(older.endpoint)).toBe(true);
  });

  it('keeps the retired ones out of the merchant\'s endpoints, and their delivery logs readable', async () => {
    const unpaid = await transaction(receiver.url);
    const expired = envelope<PaymentsEvent>('checkout.session.expired', unpaid.session, session(unpaid.session, 'expired', null));
    await paymentsEvent(expired);
    await eventually(() => deliveriesTo(unpaid.endpoint), (rows) => rows[0]?.status === 'succeeded');
    await sweeper.runOnce();
    expect(await retired(unpaid.endpoint)).toBe(true);

    expect((await call(Patterns.WebhookEndpointList, { caller: merchant, params: { limit: 100 } })).data).toEqual([]);
    const [publicEvent] = (await db.query(`SELECT "id" FROM "webhooks"."events" WHERE "source_event_id" = $1`, [expired.id])) as Array<{ id: string }>;
    const log = await call(Patterns.EventDeliveries, { caller: merchant, params: { id: publicEvent!.id, limit: 10 } });
    expect(log.data).toEqual([expect.objectContaining({ webhook_endpoint: unpaid.endpoint, status: 'succeeded', attempt_count: 1 })]);
  });
});
