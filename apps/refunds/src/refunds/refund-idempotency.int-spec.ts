import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { INestMicroservice } from '@nestjs/common';
import {
  Patterns,
  ServiceNames,
  type Caller,
  type ChargeForRefundResult,
  type RefundPaymentResult,
  type RefundResource,
  type RequestOf,
} from '@payrail/contracts';
import { classify } from '@payrail/errors';
import { InProcessBroker, RequestTimeoutError, startService, type Reply } from '@payrail/messaging';
import { busRequests, openTestDatabase, type TestDatabase } from '@payrail/testing';
import { DataSource } from 'typeorm';
import { RefundsModule } from '../refunds.module.js';

const run = randomBytes(4).toString('hex');
const merchant: Caller = { merchantId: `acct_ridem_a_${run}`, livemode: false };
const other: Caller = { merchantId: `acct_ridem_b_${run}`, livemode: false };

/**
 * The refunds service with fakes of payments (every payment intent has a captured 5000 USD charge) and
 * of the connector, which refunds whatever it is sent unless the test holds its answer back: that is
 * how a first attempt whose reply the edge gave up on (its bus wait ran out) is still running when the
 * caller retries under the same Idempotency-Key.
 */
describe('refunds: one refund per idempotency key', () => {
  let postgres: TestDatabase | undefined;
  let broker: InProcessBroker;
  let app: INestMicroservice;
  let dataSource: DataSource;
  const sentToGateway: string[] = [];
  const heldBack = new Map<string, Promise<void>>();

  beforeAll(async () => {
    postgres = await openTestDatabase();
    broker = new InProcessBroker();
    await broker.serveRequests(
      'peers-fake',
      new Map([
        [
          Patterns.ChargeForRefund,
          async (request: { data: unknown }): Promise<Reply> => {
            const { params } = request.data as RequestOf<typeof Patterns.ChargeForRefund>;
            const paymentIntentId = params.payment_intent ?? 'pi_unknown';
            const charge: ChargeForRefundResult = { chargeId: `ch_${paymentIntentId}`, paymentIntentId, currency: 'usd', amountCaptured: 5000, gatewayReference: `gtx_${paymentIntentId}`, connector: 'sandbox' };
            return { ok: true, data: charge };
          },
        ],
        [
          Patterns.ConnectorRefund,
          async (request: { data: unknown }): Promise<Reply> => {
            const { params } = request.data as RequestOf<typeof Patterns.ConnectorRefund>;
            sentToGateway.push(params.refundId);
            await heldBack.get(params.gatewayReference);
            return { ok: true, data: { status: 'succeeded', gatewayReference: `gtr_${params.refundId}` } satisfies RefundPaymentResult };
          },
        ],
      ]),
    );
    app = await startService({ service: ServiceNames.Refunds, module: RefundsModule.forRoot({ broker, databaseUrl: postgres.url, env: process.env }), broker });
    dataSource = app.get(DataSource);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await broker?.close();
    await postgres?.stop();
  });

  const { ok, refused } = busRequests(() => broker);
  const newIntent = () => `pi_ridem_${run}_${randomBytes(4).toString('hex')}`;
  const newKey = () => `key_${randomBytes(8).toString('hex')}`;
  const sends = (refundId: string) => sentToGateway.filter((sent) => sent === refundId).length;

  async function refundsOf(paymentIntent: string): Promise<Array<{ id: string; amount: string; status: string }>> {
    return (await dataSource.query(`SELECT id, amount, status FROM refunds.refunds WHERE payment_intent_id = $1 ORDER BY created_at`, [paymentIntent])) as Array<{
      id: string;
      amount: string;
      status: string;
    }>;
  }

  it('answers a retry with the refund its first attempt made, also when that reply was lost mid-flight, and sends it to the gateway once', async () => {
    const paymentIntent = newIntent();
    const idempotencyKey = newKey();
    let release!: () => void;
    heldBack.set(`gtx_${paymentIntent}`, new Promise((resolve) => (release = resolve)));
    const request = { caller: merchant, params: { payment_intent: paymentIntent, amount: 1500 }, idempotencyKey };

    // The first attempt reserves the refund and waits on the gateway; its caller stops waiting.
    const firstAttempt = broker.request(Patterns.RefundCreate, request, { timeoutMs: 300, headers: {} });
    await expect(firstAttempt).rejects.toBeInstanceOf(RequestTimeoutError);

    const retried = await ok(Patterns.RefundCreate, request);
    expect(retried).toMatchObject({ object: 'refund', amount: 1500, payment_intent: paymentIntent, status: 'pending' });

    release();
    await waitFor(async () => (await refundsOf(paymentIntent))[0]?.status === 'succeeded');
    const later = await ok(Patterns.RefundCreate, request);
    expect(later).toMatchObject({ id: retried.id, status: 'succeeded', amount: 1500 });

    expect(await refundsOf(paymentIntent)).toEqual([{ id: retried.id, amount: '1500', status: 'succeeded' }]);
    expect(sends(retried.id)).toBe(1);
  });

  it('makes one refund of two concurrent creates under one key', async () => {
    const paymentIntent = newIntent();
    const request = { caller: merchant, params: { payment_intent: paymentIntent, reason: 'duplicate' as const, metadata: { order: '42', ticket: 't-9' } }, idempotencyKey: newKey() };

    const [first, second] = await Promise.all([ok(Patterns.RefundCreate, request), ok(Patterns.RefundCreate, { ...request, params: { ...request.params, metadata: { ticket: 't-9', order: '42' } } })]);

    expect(second.id).toBe(first.id);
    expect(first.amount).toBe(5000);
    const stored = await refundsOf(paymentIntent);
    expect(stored.map((refund) => refund.id)).toEqual([first.id]);
    expect(sends(first.id)).toBe(1);
  });

  it('refuses the key with other parameters (400 idempotency_error) and changes nothing', async () => {
    const paymentIntent = newIntent();
    const idempotencyKey = newKey();
    const first = await ok(Patterns.RefundCreate, { caller: merchant, params: { payment_intent: paymentIntent, amount: 1000 }, idempotencyKey });

    const otherAmount = await refused(Patterns.RefundCreate, { caller: merchant, params: { payment_intent: paymentIntent, amount: 2000 }, idempotencyKey });
    expect(otherAmount.code).toBe('idempotency_error');
    expect(classify(otherAmount.code)).toEqual({ status: 400, type: 'idempotency_error' });
    expect(otherAmount.message).toContain(idempotencyKey);

    const otherIntent = newIntent();
    const otherCharge = await refused(Patterns.RefundCreate, { caller: merchant, params: { payment_intent: otherIntent, amount: 1000 }, idempotencyKey });
    expect(otherCharge.code).toBe('idempotency_error');

    expect(await refundsOf(paymentIntent)).toEqual([{ id: first.id, amount: '1000', status: 'succeeded' }]);
    expect(await refundsOf(otherIntent)).toEqual([]);
  });

  it('keeps keys apart per merchant, refunds twice without a key, and frees a key after a day', async () => {
    const paymentIntent = newIntent();
    const idempotencyKey = newKey();
    const mine = await ok(Patterns.RefundCreate, { caller: merchant, params: { payment_intent: paymentIntent, amount: 100 }, idempotencyKey });
    const theirs = await ok(Patterns.RefundCreate, { caller: other, params: { payment_intent: paymentIntent, amount: 100 }, idempotencyKey });
    expect(theirs.id).not.toBe(mine.id);

    const unkeyed: RefundResource[] = [];
    for (let i = 0; i < 2; i += 1) unkeyed.push(await ok(Patterns.RefundCreate, { caller: merchant, params: { payment_intent: paymentIntent, amount: 100 } }));
    expect(new Set(unkeyed.map((refund) => refund.id)).size).toBe(2);

    await dataSource.query(`UPDATE refunds.refunds SET created_at = now() - interval '25 hours' WHERE id = $1`, [mine.id]);
    const reused = await ok(Patterns.RefundCreate, { caller: merchant, params: { payment_intent: paymentIntent, amount: 300 }, idempotencyKey });
    expect(reused.id).not.toBe(mine.id);
    expect(reused.amount).toBe(300);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
