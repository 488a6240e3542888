import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { INestMicroservice } from '@nestjs/common';
import {
  Patterns,
  ServiceNames,
  Topics,
  type Caller,
  type ChargeForRefundResult,
  type ConnectorsEvent,
  type RefundPaymentResult,
  type RefundsEvent,
  type RequestOf,
} from '@payrail/contracts';
import { newId } from '@payrail/domain';
import { InProcessBroker, startService, type Reply } from '@payrail/messaging';
import { busRequests, openTestDatabase, type TestDatabase } from '@payrail/testing';
import { DataSource } from 'typeorm';
import { RefundsModule } from '../refunds.module.js';
import { RefundReconciler } from './refund-reconciler.js';

const run = randomBytes(4).toString('hex');
const merchant: Caller = { merchantId: `acct_rrec_a_${run}`, livemode: false };
const other: Caller = { merchantId: `acct_rrec_b_${run}`, livemode: false };

interface ScheduleRow {
  status: string;
  reconciliation_attempts: number;
  reconciliation_next_at: Date | null;
  reconciliation_last_error: string | null;
  reconciliation: string | null;
  created_ms: number;
}

/**
 * Two refunds replicas over one database, each with its own bus, and fakes of payments (the charge) and
 * gateway-connectors: every refund is answered `pending`, and a sync answers `pending` until the test
 * says the gateway has settled it. The replicas share one schedule; callbacks go through the same sync.
 */
describe('refunds: pending refunds are settled on the reconciliation schedule and by refund callbacks', () => {
  let postgres: TestDatabase | undefined;
  const brokers: InProcessBroker[] = [];
  const apps: INestMicroservice[] = [];
  let dataSource: DataSource;
  const syncs: string[] = [];
  const settledAtGateway = new Map<string, 'succeeded' | 'failed'>();
  const refundsEvents: RefundsEvent[] = [];

  function fakes(): Map<string, (request: { data: unknown }) => Promise<Reply>> {
    return new Map([
      [
        Patterns.ChargeForRefund,
        async (request: { data: unknown }): Promise<Reply> => {
          const { params } = request.data as RequestOf<typeof Patterns.ChargeForRefund>;
          const paymentIntentId = params.payment_intent ?? 'pi_unknown';
          const charge: ChargeForRefundResult = { chargeId: `ch_${paymentIntentId}`, paymentIntentId, currency: 'usd', amountCaptured: 5000, gatewayReference: `gtx_${paymentIntentId}`, connector: 'sandbox' };
          return { ok: true, data: charge };
        },
      ],
      [Patterns.ConnectorRefund, async (): Promise<Reply> => ({ ok: true, data: { status: 'pending', gatewayReference: 'gtx_refund' } satisfies RefundPaymentResult })],
      [
        Patterns.ConnectorRefundSync,
        async (request: { data: unknown }): Promise<Reply> => {
          const { params } = request.data as RequestOf<typeof Patterns.ConnectorRefundSync>;
          syncs.push(params.refundId);
          await new Promise((resolve) => setTimeout(resolve, 20));
          const status = settledAtGateway.get(params.refundId) ?? 'pending';
          const answer: RefundPaymentResult = { status, gatewayReference: 'gtx_refund', ...(status === 'failed' ? { failureReason: 'expired_or_canceled_card' } : {}) };
          return { ok: true, data: answer };
        },
      ],
    ]);
  }

  beforeAll(async () => {
    postgres = await openTestDatabase();
    const env = { ...process.env, PAYRAIL_REFUND_RECONCILE_INTERVAL_MS: '3600000' };
    for (const replica of ['a', 'b']) {
      const broker = new InProcessBroker();
      await broker.serveRequests(`peers-fake-${replica}`, fakes());
      await broker.consumeEvents(`refunds-observer-${replica}`, new Map([[Topics.RefundsEvents, async (event) => void refundsEvents.push(event.data as RefundsEvent)]]));
      brokers.push(broker);
      apps.push(await startService({ service: ServiceNames.Refunds, module: RefundsModule.forRoot({ broker, databaseUrl: postgres.url, env }), broker }));
    }
    dataSource = apps[0].get(DataSource);
  }, 60_000);

  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const broker of brokers) await broker.close();
    await postgres?.stop();
  });

  const { ok } = busRequests(() => brokers[0]);
  const passOfBoth = () => Promise.all(apps.map((app) => app.get(RefundReconciler).runOnce()));
  const syncsOf = (id: string) => syncs.filter((synced) => synced === id).length;
  const eventsOf = (type: RefundsEvent['type'], id: string) => refundsEvents.filter((event) => event.type === type && (event.data.object as { id: string }).id === id);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

  async function pendingRefund(ageMs: number): Promise<string> {
    const refund = await ok(Patterns.RefundCreate, { caller: merchant, params: { payment_intent: `pi_rrec_${run}_${randomBytes(3).toString('hex')}`, amount: 700 } });
    expect(refund.status).toBe('pending');
    await dataSource.query(`UPDATE refunds.refunds SET created_at = now() - ($2 || ' milliseconds')::interval WHERE id = $1`, [refund.id, String(ageMs)]);
    return refund.id;
  }

  async function scheduleOf(id: string): Promise<ScheduleRow> {
    const [row] = (await dataSource.query(
      `SELECT status, reconciliation_attempts, reconciliation_next_at, reconciliation_last_error, reconciliation,
              floor(extract(epoch FROM created_at) * 1000)::float8 AS created_ms
         FROM refunds.refunds WHERE id = $1`,
      [id],
    )) as ScheduleRow[];
    return row;
  }

  const nextTryIsDue = (id: string) => dataSource.query(`UPDATE refunds.refunds SET reconciliation_next_at = now() - interval '1 second' WHERE id = $1`, [id]);

  function refundCallback(paymentIntentId: string, owner: Caller = merchant): ConnectorsEvent {
    return {
      id: newId('evt'),
      type: 'gateway.callback.received',
      aggregateId: paymentIntentId,
      merchantId: owner.merchantId,
      livemode: owner.livemode,
      occurredAt: Math.floor(Date.now() / 1000),
      requestId: null,
      idempotencyKey: null,
      data: {
        object: {
          callbackId: `gcb_${randomBytes(6).toString('hex')}`,
          gateway: 'stripe',
          gatewayAccountId: 'ga_refunds',
          gatewayEventId: `evt_${randomBytes(6).toString('hex')}`,
          paymentIntentId,
          attempt: null,
          outcome: { kind: 'refunded', amountRefunded: 700, currency: 'usd' },
        },
      },
    };
  }
  const deliver = (...events: ConnectorsEvent[]) => brokers[0].publish(Topics.ConnectorsEvents, events.map((event) => ({ key: event.aggregateId, data: event, headers: {} })));

  it('does not ask about a refund before its first scheduled try', async () => {
    const id = await pendingRefund(0);
    await passOfBoth();
    expect(syncsOf(id)).toBe(0);
    expect(await scheduleOf(id)).toMatchObject({ status: 'pending', reconciliation_attempts: 0, reconciliation_next_at: null });
  });

  it('asks once per due try although both replicas pass together, and settles the refund with one refund.updated', async () => {
    const id = await pendingRefund(2 * 60_000);
    await passOfBoth();
    expect(syncsOf(id)).toBe(1);
    const afterFirst = await scheduleOf(id);
    expect(afterFirst).toMatchObject({ status: 'pending', reconciliation_attempts: 1, reconciliation_last_error: 'the gateway has not settled the refund yet' });
    expect(afterFirst.reconciliation_next_at!.getTime() - afterFirst.created_ms).toBe(5 * 60_000);
    await passOfBoth();
    expect(syncsOf(id)).toBe(1);

    settledAtGateway.set(id, 'succeeded');
    await nextTryIsDue(id);
    await passOfBoth();
    expect(syncsOf(id)).toBe(2);
    expect(await ok(Patterns.RefundRetrieve, { caller: merchant, params: { id } })).toMatchObject({ status: 'succeeded' });
    await settle();
    expect(eventsOf('refund.updated', id)).toHaveLength(1);
    expect(eventsOf('refund.updated', id)[0].data.previous_attributes).toEqual({ status: 'pending' });
  });

  it('records a refund the gateway failed later as failed, with refund.updated and refund.failed', async () => {
    const id = await pendingRefund(2 * 60_000);
    settledAtGateway.set(id, 'failed');
    await passOfBoth();
    expect(await ok(Patterns.RefundRetrieve, { caller: merchant, params: { id } })).toMatchObject({ status: 'failed', failure_reason: 'expired_or_canceled_card' });
    await settle();
    expect(eventsOf('refund.updated', id)).toHaveLength(1);
    expect(eventsOf('refund.failed', id)).toHaveLength(1);
  });

  it('settles a pending refund from a refund callback at once, once although the callback is redelivered and races a scheduled try', async () => {
    const id = await pendingRefund(2 * 60_000);
    const { payment_intent: paymentIntentId } = await ok(Patterns.RefundRetrieve, { caller: merchant, params: { id } });
    settledAtGateway.set(id, 'succeeded');
    const callback = refundCallback(paymentIntentId as string);
    await Promise.all([deliver(callback, callback), passOfBoth()]);
    await settle();
    expect(await ok(Patterns.RefundRetrieve, { caller: merchant, params: { id } })).toMatchObject({ status: 'succeeded' });
    expect(eventsOf('refund.updated', id)).toHaveLength(1);
  });

  it("ignores a refund callback that names another merchant's payment", async () => {
    const id = await pendingRefund(0);
    const { payment_intent: paymentIntentId } = await ok(Patterns.RefundRetrieve, { caller: merchant, params: { id } });
    settledAtGateway.set(id, 'succeeded');
    await deliver(refundCallback(paymentIntentId as string, other));
    await settle();
    expect(syncsOf(id)).toBe(0);
    expect(await scheduleOf(id)).toMatchObject({ status: 'pending' });
  });

  it('gives up a week after the refund was made: it stays pending, flagged gave_up, and is not asked about again', async () => {
    const id = await pendingRefund(2 * 60_000);
    const retrieve = () => ok(Patterns.RefundRetrieve, { caller: merchant, params: { id } });
    // Not asked about yet: nothing to show.
    expect((await retrieve()).reconciliation).toBeNull();
    await passOfBoth();
    // The merchant sees the refund is being settled with the gateway, and when it is asked next.
    const scheduled = (await retrieve()).reconciliation;
    expect(scheduled).toEqual({ status: 'scheduled', attempts: 1, next_attempt_at: expect.any(Number), last_error: expect.any(String) });
    expect(scheduled!.next_attempt_at! * 1000).toBeGreaterThan(Date.now());
    await dataSource.query(`UPDATE refunds.refunds SET created_at = now() - interval '7 days 1 minute', reconciliation_next_at = now() - interval '1 second' WHERE id = $1`, [id]);
    await passOfBoth();
    expect(syncsOf(id)).toBe(2);
    expect(await scheduleOf(id)).toMatchObject({ status: 'pending', reconciliation_attempts: 2, reconciliation: 'gave_up', reconciliation_next_at: null });
    expect(await retrieve()).toMatchObject({ status: 'pending', reconciliation: { status: 'gave_up', attempts: 2, next_attempt_at: null, last_error: expect.any(String) } });
    await passOfBoth();
    expect(syncsOf(id)).toBe(2);
  });
});
