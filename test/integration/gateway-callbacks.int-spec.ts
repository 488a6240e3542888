import 'reflect-metadata';
import { createHmac, randomBytes } from 'node:crypto';
import type { INestMicroservice } from '@nestjs/common';
import Stripe from 'stripe';
import {
  Patterns,
  ServiceNames,
  Topics,
  type Caller,
  type ChargeForRefundResult,
  type ConnectorsEvent,
  type GatewayAccountResource,
  type RefundsEvent,
  type RequestOf,
} from '@payrail/contracts';
import { PayrailError, serializeError } from '@payrail/errors';
import { InProcessBroker, startService, type Reply } from '@payrail/messaging';
import { busRequests, openTestDatabase, type TestDatabase } from '@payrail/testing';
import { DataSource } from 'typeorm';
// Gateway-connectors and refunds for real on one broker; payments only answers which charge a payment made.
import { GatewayConnectorsModule } from '../../apps/gateway-connectors/src/gateway-connectors.module.js';
import { RefundsModule } from '../../apps/refunds/src/refunds.module.js';

const run = randomBytes(4).toString('hex');
const merchant: Caller = { merchantId: `acct_cb_a_${run}`, livemode: false };
const intruder: Caller = { merchantId: `acct_cb_b_${run}`, livemode: false };
const env = {
  ...process.env,
  PAYRAIL_CARD_FINGERPRINT_KEY: 'callbacks-integration-key-0123456789abcdef',
  PAYRAIL_SECRETS_KEY: 'callbacks-integration-secrets-0123456789ab',
  // Its Stripe and Razorpay accounts have made-up keys and the real gateways' addresses: never probe them.
  PAYRAIL_GATEWAY_PROBE_INTERVAL_MS: '0',
};
const webhooks = new Stripe('sk_test_unused').webhooks;

describe('gateway callbacks into disputes (embedded Postgres, in-process transport)', () => {
  let postgres: TestDatabase | undefined;
  let broker: InProcessBroker;
  let apps: INestMicroservice[] = [];
  let connectorsDb: DataSource;
  const charges = new Map<string, ChargeForRefundResult & { owner: Caller }>();
  const connectorsEvents: ConnectorsEvent[] = [];
  const refundsEvents: RefundsEvent[] = [];

  beforeAll(async () => {
    postgres = await openTestDatabase();
    const databaseUrl = postgres.url;
    broker = new InProcessBroker();
    await broker.serveRequests(
      'payments-fake',
      new Map([
        [
          Patterns.ChargeForRefund,
          async (request): Promise<Reply> => {
            const { caller, params } = request.data as RequestOf<typeof Patterns.ChargeForRefund>;
            const charge = charges.get(params.payment_intent ?? '');
            if (!charge || charge.owner.merchantId !== caller.merchantId) {
              return { ok: false, error: serializeError(PayrailError.notFound('payment_intent', params.payment_intent ?? '', 'payment_intent')) };
            }
            const { owner: _owner, ...result } = charge;
            return { ok: true, data: result };
          },
        ],
      ]),
    );
    await broker.consumeEvents(
      'callbacks-spec-observer',
      new Map([
        [Topics.ConnectorsEvents, async (event) => void connectorsEvents.push(event.data as ConnectorsEvent)],
        [Topics.RefundsEvents, async (event) => void refundsEvents.push(event.data as RefundsEvent)],
      ]),
    );
    for (const [service, module] of [
      [ServiceNames.GatewayConnectors, GatewayConnectorsModule.forRoot({ broker, databaseUrl, env })],
      [ServiceNames.Refunds, RefundsModule.forRoot({ broker, databaseUrl, env })],
    ] as const) {
      apps.push(await startService({ service, module, broker }));
    }
    connectorsDb = apps[0].get(DataSource);
  }, 60_000);

  afterAll(async () => {
    for (const app of apps.reverse()) await app.close();
    apps = [];
    await broker?.close();
    await postgres?.stop();
  });

  const { ok, refused } = busRequests(() => broker);

  async function account(owner: Caller, gateway: 'stripe' | 'razorpay', webhookSecret: string): Promise<GatewayAccountResource> {
    const credentials: Record<string, string> = gateway === 'stripe' ? { secret_key: `sk_test_${randomBytes(12).toString('hex')}` } : { key_id: `rzp_test_${randomBytes(6).toString('hex')}`, key_secret: randomBytes(12).toString('hex') };
    return ok(Patterns.GatewayAccountCreate, { caller: owner, params: { gateway, credentials, webhook_secret: webhookSecret } });
  }

  /** An authorisation the account answered, as routing and the connector would have recorded it. */
  async function paymentThrough(owner: Caller, via: GatewayAccountResource, gatewayReference: string): Promise<{ paymentIntentId: string; attemptKey: string }> {
    const paymentIntentId = `pi_cb${randomBytes(8).toString('hex')}`;
    const attemptKey = `authorization:${paymentIntentId}:1`;
    await connectorsDb.query(
      `INSERT INTO "connectors"."authorization_routes" ("idempotency_key", "merchant_id", "livemode", "gateway", "gateway_account_id") VALUES ($1, $2, $3, $4, $5)`,
      [attemptKey, owner.merchantId, owner.livemode, via.gateway, via.id],
    );
    await connectorsDb.query(
      `INSERT INTO "connectors"."gateway_transactions" ("id", "merchant_id", "livemode", "connector", "gateway_account_id", "kind", "idempotency_key", "source_id", "amount", "currency", "outcome", "gateway_reference")
       VALUES ($1, $2, $3, $4, $5, 'authorization', $6, $7, 50000, 'inr', 'succeeded', $8)`,
      [`gtx_cb${randomBytes(8).toString('hex')}`, owner.merchantId, owner.livemode, via.gateway, via.id, attemptKey, paymentIntentId, gatewayReference],
    );
    return { paymentIntentId, attemptKey };
  }

  function razorpayDispute(event: string, paymentId: string, status: string): string {
    return JSON.stringify({
      entity: 'event',
      event,
      contains: ['payment', 'dispute'],
      payload: {
        payment: { entity: { id: paymentId, entity: 'payment', amount: 50000, currency: 'INR', order_id: null } },
        dispute: { entity: { id: `disp_${paymentId}`, entity: 'dispute', amount: 50000, currency: 'INR', reason_code: 'fraudulent_transaction', status } },
      },
      created_at: Math.floor(Date.now() / 1000),
    });
  }

  function deliverRazorpay(to: GatewayAccountResource, body: string, secret: string, eventId: string) {
    return ok(Patterns.ConnectorCallbackReceive, {
      gateway: 'razorpay',
      gatewayAccountId: to.id,
      rawBody: Buffer.from(body).toString('base64'),
      signature: createHmac('sha256', secret).update(body).digest('hex'),
      eventId,
    });
  }

  async function until<T>(read: () => T | undefined, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = read();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const disputesOf = (paymentIntentId: string) => refundsEvents.filter((event) => event.type.startsWith('charge.dispute.') && (event.data.object as { payment_intent: string }).payment_intent === paymentIntentId);

  it('turns a Razorpay dispute callback into one dispute on the charge, however often delivered, and follows it to its close', async () => {
    const secret = randomBytes(16).toString('hex');
    const razorpay = await account(merchant, 'razorpay', secret);
    const paymentId = `pay_${randomBytes(7).toString('hex')}`;
    const { paymentIntentId } = await paymentThrough(merchant, razorpay, paymentId);
    charges.set(paymentIntentId, { owner: merchant, chargeId: `ch_cb${run}1`, paymentIntentId, currency: 'inr', amountCaptured: 50000, gatewayReference: paymentId, connector: 'razorpay' });

    const created = razorpayDispute('payment.dispute.created', paymentId, 'open');
    expect(await deliverRazorpay(razorpay, created, secret, `evt_${run}_1`)).toEqual({ received: true, duplicate: false });
    expect(await deliverRazorpay(razorpay, created, secret, `evt_${run}_1`)).toEqual({ received: true, duplicate: true });
    const opened = await until(() => disputesOf(paymentIntentId).find((event) => event.type === 'charge.dispute.created'));
    expect(opened.data.object).toMatchObject({ object: 'dispute', charge: `ch_cb${run}1`, amount: 50000, currency: 'inr', reason: 'fraudulent', status: 'needs_response' });

    const callbackEvents = connectorsEvents.filter((event) => event.type === 'gateway.callback.received' && event.data.object.paymentIntentId === paymentIntentId);
    expect(callbackEvents).toHaveLength(1);
    expect(callbackEvents[0]).toMatchObject({ merchantId: merchant.merchantId, data: { object: { gateway: 'razorpay', gatewayAccountId: razorpay.id, attempt: { step: 'authorization', number: 1 } } } });

    await deliverRazorpay(razorpay, razorpayDispute('payment.dispute.won', paymentId, 'won'), secret, `evt_${run}_2`);
    const closed = await until(() => disputesOf(paymentIntentId).find((event) => event.type === 'charge.dispute.closed'));
    expect(closed.data).toMatchObject({ object: { id: opened.data.object.id, status: 'won' }, previous_attributes: { status: 'needs_response' } });
    expect(disputesOf(paymentIntentId).filter((event) => event.type === 'charge.dispute.created')).toHaveLength(1);
    const listed = await ok(Patterns.DisputeList, { caller: merchant, params: { payment_intent: paymentIntentId } });
    expect(listed.data.map((dispute) => [dispute.id, dispute.status])).toEqual([[opened.data.object.id, 'won']]);
  });

  it('waits for a charge that the dispute overtook, then opens the dispute', async () => {
    const secret = randomBytes(16).toString('hex');
    const razorpay = await account(merchant, 'razorpay', secret);
    const paymentId = `pay_${randomBytes(7).toString('hex')}`;
    const { paymentIntentId } = await paymentThrough(merchant, razorpay, paymentId);
    await deliverRazorpay(razorpay, razorpayDispute('payment.dispute.created', paymentId, 'open'), secret, `evt_${run}_3`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(disputesOf(paymentIntentId)).toEqual([]);
    charges.set(paymentIntentId, { owner: merchant, chargeId: `ch_cb${run}2`, paymentIntentId, currency: 'inr', amountCaptured: 50000, gatewayReference: paymentId, connector: 'razorpay' });
    const opened = await until(() => disputesOf(paymentIntentId).find((event) => event.type === 'charge.dispute.created'), 15_000);
    expect(opened.data.object.charge).toBe(`ch_cb${run}2`);
  }, 30_000);

  it("never lets one merchant's signed callback reach another merchant's payment, nor pre-empt its event id", async () => {
    const victimSecret = `whsec_${randomBytes(16).toString('hex')}`;
    const intruderSecret = `whsec_${randomBytes(16).toString('hex')}`;
    const victimAccount = await account(merchant, 'stripe', victimSecret);
    const intruderAccount = await account(intruder, 'stripe', intruderSecret);
    const { paymentIntentId, attemptKey } = await paymentThrough(merchant, victimAccount, `pi_stripe_${run}`);
    const payload = JSON.stringify({
      id: `evt_shared_${run}`,
      object: 'event',
      type: 'payment_intent.succeeded',
      created: Math.floor(Date.now() / 1000),
      data: { object: { id: `pi_stripe_${run}`, amount_received: 50000, currency: 'inr', metadata: { payrail_attempt_key: attemptKey } } },
    });
    const deliver = (to: GatewayAccountResource, secret: string) =>
      ok(Patterns.ConnectorCallbackReceive, { gateway: 'stripe', gatewayAccountId: to.id, rawBody: Buffer.from(payload).toString('base64'), signature: webhooks.generateTestHeaderString({ payload, secret }) });

    // The intruder signs the victim's event with its own secret, to its own account: acknowledged, tied to nothing.
    expect(await deliver(intruderAccount, intruderSecret)).toEqual({ received: true, duplicate: false });
    // Its secret does not open the victim's account.
    expect((await refused(Patterns.ConnectorCallbackReceive, { gateway: 'stripe', gatewayAccountId: victimAccount.id, rawBody: Buffer.from(payload).toString('base64'), signature: webhooks.generateTestHeaderString({ payload, secret: intruderSecret }) })).code).toBe('signature_invalid');
    // The genuine delivery is new, and is the only one that names the payment.
    expect(await deliver(victimAccount, victimSecret)).toEqual({ received: true, duplicate: false });
    const received = await until(() => connectorsEvents.find((event) => event.type === 'gateway.callback.received' && event.data.object.paymentIntentId === paymentIntentId));
    expect(received).toMatchObject({ merchantId: merchant.merchantId, data: { object: { gatewayAccountId: victimAccount.id, outcome: { kind: 'payment_succeeded' }, attempt: { step: 'authorization', number: 1 } } } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(connectorsEvents.filter((event) => event.type === 'gateway.callback.received' && event.merchantId === intruder.merchantId)).toEqual([]);
  });
});
