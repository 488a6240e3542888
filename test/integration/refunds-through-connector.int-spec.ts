import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { INestMicroservice } from '@nestjs/common';
import {
  Patterns,
  ServiceNames,
  type Caller,
  type ChargeForRefundResult,
  type RefundResource,
  type RequestOf,
} from '@payrail/contracts';
import { Money } from '@payrail/domain';
import { PayrailError, serializeError } from '@payrail/errors';
import { InProcessBroker, startService, type Reply } from '@payrail/messaging';
import { busRequests, openTestDatabase, type TestDatabase } from '@payrail/testing';
import { DataSource } from 'typeorm';
// Refunds and the real gateway-connectors on one broker: at runtime the two only exchange messages.
import { GatewayConnectorsModule } from '../../apps/gateway-connectors/src/gateway-connectors.module.js';
import { RefundsModule } from '../../apps/refunds/src/refunds.module.js';

// Unique per run, so that the spec also passes against a long-lived DATABASE_URL.
const run = randomBytes(4).toString('hex');
const merchant: Caller = { merchantId: `acct_ref_a_${run}`, livemode: false };
const otherMerchant: Caller = { merchantId: `acct_ref_b_${run}`, livemode: false };
const env = { ...process.env, PAYRAIL_CARD_FINGERPRINT_KEY: 'refunds-integration-key-0123456789abcdef', PAYRAIL_SECRETS_KEY: 'integration-secrets-key-0123456789abcdef' };

interface FakeCharge extends ChargeForRefundResult {
  owner: Caller;
}

describe('refunds (embedded Postgres, in-process transport, real gateway-connectors)', () => {
  let postgres: TestDatabase | undefined;
  let broker: InProcessBroker;
  let apps: INestMicroservice[] = [];
  let refundsDb: DataSource;
  const charges = new Map<string, FakeCharge>();
  let sequence = 0;

  beforeAll(async () => {
    postgres = await openTestDatabase();
    const databaseUrl = postgres.url;
    broker = new InProcessBroker();
    // Payments is tested end to end elsewhere; here it only answers what refunds asks of it.
    await broker.serveRequests(
      'payments-fake',
      new Map([
        [
          Patterns.ChargeForRefund,
          async (request): Promise<Reply> => {
            const { caller, params } = request.data as RequestOf<typeof Patterns.ChargeForRefund>;
            const charge = [...charges.values()].find(
              (candidate) =>
                candidate.owner.merchantId === caller.merchantId &&
                candidate.owner.livemode === caller.livemode &&
                (candidate.chargeId === params.charge || candidate.paymentIntentId === params.payment_intent),
            );
            if (!charge) {
              const [resource, id] = params.charge ? ['charge', params.charge] : ['payment_intent', params.payment_intent ?? ''];
              return { ok: false, error: serializeError(PayrailError.notFound(resource, id, resource)) };
            }
            const { owner: _owner, ...result } = charge;
            return { ok: true, data: result };
          },
        ],
      ]),
    );
    for (const [service, module] of [
      [ServiceNames.GatewayConnectors, GatewayConnectorsModule.forRoot({ broker, databaseUrl, env })],
      [ServiceNames.Refunds, RefundsModule.forRoot({ broker, databaseUrl, env })],
    ] as const) {
      apps.push(await startService({ service, module, broker }));
    }
    refundsDb = apps[1].get(DataSource);
  }, 60_000);

  afterAll(async () => {
    for (const app of apps.reverse()) await app.close();
    apps = [];
    await broker?.close();
    await postgres?.stop();
  });

  const { send, ok } = busRequests(() => broker);

  /** A captured charge: authorised for real by the sandbox, then known to the fake payments service. */
  async function capturedCharge(amount: number, owner: Caller = merchant, currency = 'usd'): Promise<FakeCharge> {
    sequence += 1;
    const paymentIntentId = `pi_refunds${run}${sequence}`;
    const authorized = await ok(Patterns.ConnectorAuthorize, {
      caller: owner,
      params: { paymentIntentId, attempt: 1, amount, currency, paymentMethod: 'pm_card_visa', captureMethod: 'automatic' },
    });
    const charge: FakeCharge = {
      owner,
      chargeId: `ch_refunds${run}${sequence}`,
      paymentIntentId,
      currency,
      amountCaptured: amount,
      gatewayReference: authorized.gatewayReference,
      connector: authorized.connector,
    };
    charges.set(charge.chargeId, charge);
    return charge;
  }

  function refund(params: RequestOf<typeof Patterns.RefundCreate>['params'], caller: Caller = merchant) {
    return send(Patterns.RefundCreate, { caller, params });
  }

  async function outboxTypes(refundId: string): Promise<string[]> {
    const rows = (await refundsDb.query(
      `SELECT "topic", "payload" FROM "refunds"."outbox" WHERE "message_key" = $1 ORDER BY "id"`,
      [refundId],
    )) as Array<{ topic: string; payload: { type: string; data: { object: RefundResource } } }>;
    expect(new Set(rows.map((row) => row.topic))).toEqual(new Set(['refunds.events.v1']));
    return rows.map((row) => row.payload.type);
  }

  it('answers its ping', async () => {
    expect(await ok(Patterns.RefundsPing, {})).toEqual({ service: 'refunds', ready: true });
  });

  it('refunds a whole charge by payment intent by default, and records the events', async () => {
    const charge = await capturedCharge(2000);
    const created = await ok(Patterns.RefundCreate, { caller: merchant, params: { payment_intent: charge.paymentIntentId, reason: 'requested_by_customer', metadata: { order: '42' } } });
    expect(created).toMatchObject({
      id: expect.stringMatching(/^re_/),
      object: 'refund',
      amount: 2000,
      currency: 'usd',
      charge: charge.chargeId,
      payment_intent: charge.paymentIntentId,
      status: 'succeeded',
      reason: 'requested_by_customer',
      failure_reason: null,
      livemode: false,
      metadata: { order: '42' },
    });
    expect(await outboxTypes(created.id)).toEqual(['refund.created', 'refund.updated']);
    const [updated] = (await refundsDb.query(
      `SELECT "payload" FROM "refunds"."outbox" WHERE "message_key" = $1 AND "payload"->>'type' = 'refund.updated'`,
      [created.id],
    )) as Array<{ payload: { data: { object: RefundResource; previous_attributes: unknown } } }>;
    expect(updated.payload.data).toEqual({ object: created, previous_attributes: { status: 'pending' } });

    const again = await refund({ charge: charge.chargeId });
    expect(again).toMatchObject({ ok: false, error: { code: 'charge_already_refunded' } });
  });

  it('refunds partially, twice, then refuses more than is left with amount_too_large on amount', async () => {
    const charge = await capturedCharge(1000);
    const first = await ok(Patterns.RefundCreate, { caller: merchant, params: { charge: charge.chargeId, amount: 300 } });
    const second = await ok(Patterns.RefundCreate, { caller: merchant, params: { charge: charge.chargeId, amount: 500 } });
    expect([first.status, first.amount, second.status, second.amount]).toEqual(['succeeded', 300, 'succeeded', 500]);

    const over = await refund({ charge: charge.chargeId, amount: 201 });
    expect(over).toMatchObject({
      ok: false,
      error: {
        code: 'amount_too_large',
        param: 'amount',
        message: `Refund amount (${Money.format(201, 'usd')}) is greater than unrefunded amount on charge (${Money.format(200, 'usd')})`,
      },
    });
    const rest = await ok(Patterns.RefundCreate, { caller: merchant, params: { charge: charge.chargeId } });
    expect(rest.amount).toBe(200);
  });

  it('lets exactly one of two concurrent refunds through when together they exceed the charge', async () => {
    const charge = await capturedCharge(1000);
    const replies = await Promise.all([refund({ charge: charge.chargeId, amount: 600 }), refund({ charge: charge.chargeId, amount: 700 })]);
    expect(replies.filter((reply) => reply.ok)).toHaveLength(1);
    const refused = replies.find((reply) => !reply.ok);
    expect(refused).toMatchObject({ ok: false, error: { code: 'amount_too_large', param: 'amount' } });
    const [{ total }] = (await refundsDb.query(
      `SELECT SUM("amount")::int AS "total" FROM "refunds"."refunds" WHERE "charge_id" = $1 AND "status" IN ('pending', 'succeeded')`,
      [charge.chargeId],
    )) as Array<{ total: number }>;
    expect(total).toBeLessThanOrEqual(1000);
  });

  it('never refunds more than was captured under heavier contention', async () => {
    const charge = await capturedCharge(1000);
    const replies = await Promise.all(Array.from({ length: 6 }, () => refund({ charge: charge.chargeId, amount: 300 })));
    expect(replies.filter((reply) => reply.ok)).toHaveLength(3);
    for (const reply of replies.filter((candidate) => !candidate.ok)) {
      expect(reply).toMatchObject({ error: { code: 'amount_too_large', param: 'amount' } });
    }
  });

  it('hides a refund from another merchant', async () => {
    const charge = await capturedCharge(500);
    const created = await ok(Patterns.RefundCreate, { caller: merchant, params: { charge: charge.chargeId } });
    expect(await ok(Patterns.RefundRetrieve, { caller: merchant, params: { id: created.id } })).toEqual(created);
    const foreign = await send(Patterns.RefundRetrieve, { caller: otherMerchant, params: { id: created.id } });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'resource_missing' } });
    const testMode = await send(Patterns.RefundRetrieve, { caller: { ...merchant, livemode: true }, params: { id: created.id } });
    expect(testMode).toMatchObject({ ok: false, error: { code: 'resource_missing' } });
    expect((await ok(Patterns.RefundList, { caller: otherMerchant, params: { charge: charge.chargeId } })).data).toEqual([]);
    const theirs = await refund({ charge: charge.chargeId }, otherMerchant);
    expect(theirs).toMatchObject({ ok: false, error: { code: 'resource_missing' } });
  });

  it('refuses malformed requests before asking payments', async () => {
    expect(await refund({})).toMatchObject({ ok: false, error: { code: 'parameter_missing' } });
    expect(await refund({ charge: 'ch_1', payment_intent: 'pi_1' })).toMatchObject({ ok: false, error: { code: 'parameter_invalid' } });
    expect(await refund({ charge: 'ch_1', amount: 0 })).toMatchObject({ ok: false, error: { code: 'parameter_invalid', param: 'amount' } });
    expect(await refund({ charge: 'ch_unknown' })).toMatchObject({ ok: false, error: { code: 'resource_missing' } });
  });

  it('marks a refund the connector refuses as failed, frees its amount, and says so in events', async () => {
    const charge = await capturedCharge(800);
    charges.set(charge.chargeId, { ...charge, gatewayReference: 'gtx_unknown_to_the_connector' });
    const failed = await ok(Patterns.RefundCreate, { caller: merchant, params: { charge: charge.chargeId, amount: 800 } });
    expect(failed).toMatchObject({ status: 'failed', failure_reason: 'unknown', amount: 800 });
    expect(await outboxTypes(failed.id)).toEqual(['refund.created', 'refund.updated', 'refund.failed']);
    const [updated] = (await refundsDb.query(
      `SELECT "payload" FROM "refunds"."outbox" WHERE "message_key" = $1 AND "payload"->>'type' = 'refund.updated'`,
      [failed.id],
    )) as Array<{ payload: { data: { previous_attributes: unknown } } }>;
    expect(updated.payload.data.previous_attributes).toEqual({ status: 'pending', failure_reason: null });

    charges.set(charge.chargeId, charge);
    const retried = await ok(Patterns.RefundCreate, { caller: merchant, params: { charge: charge.chargeId, amount: 800 } });
    expect(retried.status).toBe('succeeded');
  });

  it('lists newest first, filtered by charge or payment intent, with cursors', async () => {
    const charge = await capturedCharge(900);
    const made: RefundResource[] = [];
    for (const amount of [100, 200, 300]) made.push(await ok(Patterns.RefundCreate, { caller: merchant, params: { charge: charge.chargeId, amount } }));
    const page = await ok(Patterns.RefundList, { caller: merchant, params: { payment_intent: charge.paymentIntentId, limit: 2 } });
    expect(page).toMatchObject({ object: 'list', url: '/v1/refunds', has_more: true });
    expect(page.data.map((item) => item.id)).toEqual([made[2].id, made[1].id]);
    const next = await ok(Patterns.RefundList, { caller: merchant, params: { charge: charge.chargeId, limit: 2, starting_after: made[1].id } });
    expect(next.data.map((item) => item.id)).toEqual([made[0].id]);
    expect(next.has_more).toBe(false);
    const missingCursor = await send(Patterns.RefundList, { caller: merchant, params: { starting_after: 're_missing' } });
    expect(missingCursor).toMatchObject({ ok: false, error: { code: 'resource_missing', param: 'starting_after' } });
  });
});
