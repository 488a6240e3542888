import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { INestMicroservice } from '@nestjs/common';
import Razorpay from 'razorpay';
import { Patterns, ServiceNames, type Caller } from '@payrail/contracts';
import { InProcessBroker, startService } from '@payrail/messaging';
import { busRequests, openTestDatabase, type TestDatabase } from '@payrail/testing';
import { DataSource } from 'typeorm';
// Payments and the real gateway-connectors on one broker, the Razorpay connector against the Razorpay simulator.
import { RazorpaySimulator } from '../../apps/gateway-connectors/src/connectors/razorpay/simulator/razorpay-simulator.js';
import { LatePaymentsSweeper } from '../../apps/gateway-connectors/src/authorizations/late-payments.sweeper.js';
import { GatewayConnectorsModule } from '../../apps/gateway-connectors/src/gateway-connectors.module.js';
import { PaymentsModule } from '../../apps/payments/src/payments.module.js';

const run = randomBytes(4).toString('hex');
const merchant: Caller = { merchantId: `acct_rzplate_${run}`, livemode: false };
const KEY = { keyId: `rzp_test_Late${run}`, keySecret: 'late_payments_secret_0123' };
const WEBHOOK_SECRET = `whsec_late_${run}`;

interface Delivery {
  body: string;
  headers: IncomingHttpHeaders;
}

/** Where the simulator posts Razorpay's webhooks; the test hands each to the callbacks ingress as the edge would. */
async function startWebhookSink(deliveries: Delivery[]): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      deliveries.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/razorpay`, server };
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A Razorpay payment for an order whose PaymentIntent no longer waits for it (canceled, e.g. its checkout
 * session expired while the customer was on Razorpay's page) is refunded in full at Razorpay, once,
 * whoever tells Payrail first (Razorpay's webhook, or the cancellation itself), and the intent stays
 * canceled. Razorpay's side is read with the official `razorpay` SDK.
 */
describe('Razorpay payments that come after their PaymentIntent stopped waiting', () => {
  let postgres: TestDatabase | undefined;
  const simulator = new RazorpaySimulator([KEY]);
  let simulatorUrl: string;
  let broker: InProcessBroker;
  const apps: INestMicroservice[] = [];
  const deliveries: Delivery[] = [];
  let sink: { url: string; server: Server };
  let accountId: string;
  let razorpay: Razorpay;

  beforeAll(async () => {
    postgres = await openTestDatabase();
    simulatorUrl = await simulator.start();
    sink = await startWebhookSink(deliveries);
    const env = {
      ...process.env,
      PAYRAIL_CARD_FINGERPRINT_KEY: 'rzp-late-fingerprint-key-0123456789abcd',
      PAYRAIL_SECRETS_KEY: 'rzp-late-secrets-key-0123456789abcdefghij',
      PAYRAIL_RAZORPAY_API_BASE: simulatorUrl,
      PAYRAIL_GATEWAY_PROBE_INTERVAL_MS: '0',
    };
    broker = new InProcessBroker();
    apps.push(await startService({ service: ServiceNames.GatewayConnectors, module: GatewayConnectorsModule.forRoot({ broker, databaseUrl: postgres.url, env }), broker }));
    apps.push(await startService({ service: ServiceNames.Payments, module: PaymentsModule.forRoot({ broker, databaseUrl: postgres.url, env }), broker }));
    const account = await ok(Patterns.GatewayAccountCreate, {
      caller: merchant,
      params: { gateway: 'razorpay', credentials: { key_id: KEY.keyId, key_secret: KEY.keySecret }, webhook_secret: WEBHOOK_SECRET },
    });
    accountId = account.id;
    razorpay = new Razorpay({ key_id: KEY.keyId, key_secret: KEY.keySecret });
    // The official SDK hard-codes Razorpay's host: pointed at the simulator.
    (razorpay.api as unknown as { rq: { defaults: { baseURL: string } } }).rq.defaults.baseURL = simulatorUrl;
  }, 60_000);

  afterAll(async () => {
    for (const app of apps.reverse()) await app.close();
    await broker?.close();
    await new Promise((resolve) => sink?.server.close(resolve));
    await simulator.stop();
    await postgres?.stop();
  });

  const { ok } = busRequests(() => broker);

  /** An intent waiting at Razorpay Checkout; answers it and its order. */
  async function waitingAtRazorpay(captureMethod: 'automatic' | 'manual' = 'automatic'): Promise<{ intentId: string; orderId: string }> {
    const created = await ok(Patterns.PaymentIntentCreate, { caller: merchant, params: { amount: 49900, currency: 'inr', payment_method: 'pm_card_visa', capture_method: captureMethod } });
    const waiting = await ok(Patterns.PaymentIntentConfirm, { caller: merchant, params: { id: created.id } });
    expect(waiting.next_action?.type).toBe('razorpay_checkout');
    return { intentId: created.id, orderId: waiting.next_action!.type === 'razorpay_checkout' ? waiting.next_action!.razorpay_checkout.order_id : '' };
  }

  async function payAtCheckout(orderId: string): Promise<string> {
    const response = await fetch(`${simulatorUrl}/_simulator/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key_id: KEY.keyId, order_id: orderId, method: 'upi', vpa: 'success@razorpay' }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { razorpay_payment_id: string }).razorpay_payment_id;
  }

  /** Razorpay sends its webhook (through the simulator, to the sink); answers the delivery to hand to Payrail. */
  async function razorpayWebhook(event: 'payment.captured' | 'payment.authorized', paymentId: string): Promise<Delivery> {
    const before = deliveries.length;
    const response = await fetch(`${simulatorUrl}/_simulator/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key_id: KEY.keyId, url: sink.url, secret: WEBHOOK_SECRET, event, payment_id: paymentId }),
    });
    expect(response.status).toBe(200);
    expect(deliveries.length).toBe(before + 1);
    return deliveries[before];
  }

  function receive(delivery: Delivery) {
    return ok(Patterns.ConnectorCallbackReceive, {
      gateway: 'razorpay',
      gatewayAccountId: accountId,
      rawBody: Buffer.from(delivery.body).toString('base64'),
      signature: delivery.headers['x-razorpay-signature'] as string,
      eventId: delivery.headers['x-razorpay-event-id'] as string,
    });
  }

  async function cancel(intentId: string): Promise<void> {
    const canceled = await ok(Patterns.PaymentIntentCancel, { caller: merchant, params: { id: intentId, cancellation_reason: 'abandoned' } });
    expect(canceled.status).toBe('canceled');
  }

  it('refunds in full a payment made after the intent was canceled, once, however often the webhook comes', async () => {
    const { intentId, orderId } = await waitingAtRazorpay();
    await cancel(intentId);
    const paymentId = await payAtCheckout(orderId);
    const captured = await razorpayWebhook('payment.captured', paymentId);
    expect(await receive(captured)).toEqual({ received: true, duplicate: false });

    const refunded = await eventually(() => razorpay.payments.fetch(paymentId), (payment) => payment.status === 'refunded');
    expect(refunded).toMatchObject({ status: 'refunded', amount: 49900, amount_refunded: 49900, refund_status: 'full', captured: true });
    const refunds = await razorpay.payments.fetchMultipleRefund(paymentId);
    expect(refunds.items).toHaveLength(1);
    expect(refunds.items[0]).toMatchObject({ amount: 49900, status: 'processed', receipt: `late_refund:${paymentId}` });

    // Replayed (same event id), and sent again as a new event: nothing more is refunded.
    expect(await receive(captured)).toEqual({ received: true, duplicate: true });
    expect(await receive(await razorpayWebhook('payment.captured', paymentId))).toEqual({ received: true, duplicate: false });
    expect(await ok(Patterns.ConnectorGiveBackLatePayments, { caller: merchant, params: { paymentIntentId: intentId } })).toEqual({ refunds: 1 });
    expect((await razorpay.payments.fetchMultipleRefund(paymentId)).items).toHaveLength(1);
    const intent = await ok(Patterns.PaymentIntentRetrieve, { caller: merchant, params: { id: intentId } });
    expect(intent).toMatchObject({ status: 'canceled', amount_received: 0 });
  }, 30_000);

  it('refunds a payment made just before the cancellation, found when the intent is canceled', async () => {
    const { intentId, orderId } = await waitingAtRazorpay();
    const paymentId = await payAtCheckout(orderId);
    await cancel(intentId);
    const refunded = await eventually(() => razorpay.payments.fetch(paymentId), (payment) => payment.status === 'refunded');
    expect(refunded).toMatchObject({ status: 'refunded', amount_refunded: 49900 });
    expect(await ok(Patterns.PaymentIntentRetrieve, { caller: merchant, params: { id: intentId } })).toMatchObject({ status: 'canceled' });
    expect((await razorpay.payments.fetchMultipleRefund(paymentId)).items).toHaveLength(1);
  }, 30_000);

  it('never captures an authorised payment of a manual-capture order for a canceled intent', async () => {
    const { intentId, orderId } = await waitingAtRazorpay('manual');
    await cancel(intentId);
    const paymentId = await payAtCheckout(orderId);
    expect(await receive(await razorpayWebhook('payment.authorized', paymentId))).toEqual({ received: true, duplicate: false });
    expect(await ok(Patterns.ConnectorGiveBackLatePayments, { caller: merchant, params: { paymentIntentId: intentId } })).toEqual({ refunds: 0 });
    expect(await razorpay.payments.fetch(paymentId)).toMatchObject({ status: 'authorized', captured: false, amount_refunded: 0 });
    expect(await ok(Patterns.PaymentIntentRetrieve, { caller: merchant, params: { id: intentId } })).toMatchObject({ status: 'canceled' });
  }, 30_000);

  it('never captures a second authorised payment of an order whose intent took the first', async () => {
    const { intentId, orderId } = await waitingAtRazorpay('manual');
    const first = await payAtCheckout(orderId);
    const second = await payAtCheckout(orderId);
    expect(await receive(await razorpayWebhook('payment.authorized', first))).toEqual({ received: true, duplicate: false });
    await eventually(() => ok(Patterns.PaymentIntentRetrieve, { caller: merchant, params: { id: intentId } }), (found) => found.status === 'requires_capture');
    // Whichever Razorpay's record put first was taken; the other one's webhook gives nothing and captures nothing.
    for (const paymentId of [first, second]) expect(await receive(await razorpayWebhook('payment.authorized', paymentId))).toEqual({ received: true, duplicate: false });
    expect(await ok(Patterns.PaymentIntentCapture, { caller: merchant, params: { id: intentId } })).toMatchObject({ status: 'succeeded', amount_received: 49900 });
    const payments = await Promise.all([first, second].map((id) => razorpay.payments.fetch(id)));
    expect(payments.map((payment) => payment.status).sort()).toEqual(['authorized', 'captured']);
    expect(payments.map((payment) => payment.amount_refunded)).toEqual([0, 0]);
  }, 30_000);

  it('leaves alone a payment the intent still waits for: the webhook completes it as before', async () => {
    const { intentId, orderId } = await waitingAtRazorpay();
    const paymentId = await payAtCheckout(orderId);
    expect(await receive(await razorpayWebhook('payment.captured', paymentId))).toEqual({ received: true, duplicate: false });
    const intent = await eventually(() => ok(Patterns.PaymentIntentRetrieve, { caller: merchant, params: { id: intentId } }), (found) => found.status === 'succeeded');
    expect(intent).toMatchObject({ status: 'succeeded', amount_received: 49900 });
    expect(await razorpay.payments.fetch(paymentId)).toMatchObject({ status: 'captured', amount_refunded: 0 });
  }, 30_000);

  it('finds a late payment nothing reported (no webhook, no customer back) on its scheduled looks, and refunds it once', async () => {
    const { intentId, orderId } = await waitingAtRazorpay();
    await cancel(intentId);
    const sweeper = apps[0].get(LatePaymentsSweeper);
    const connectors = apps[0].get(DataSource);
    await sweeper.idle();
    const [{ id: authorizationId }] = (await connectors.query(
      `SELECT id FROM connectors.gateway_transactions WHERE source_id = $1 AND kind = 'authorization' AND parent_id IS NULL`,
      [intentId],
    )) as Array<{ id: string }>;
    const watchOf = async () =>
      ((await connectors.query(`SELECT looks FROM connectors.late_payment_watches WHERE authorization_id = $1`, [authorizationId])) as Array<{ looks: number }>)[0];
    const later = (minutes: number) => new Date(Date.now() + minutes * 60_000);
    // The cancellation reaches gateway-connectors as an event: its look at the order finds nothing, then it
    // leaves the watch. The customer, still on Razorpay's page, pays after that.
    expect(await eventually(watchOf, (watch) => watch !== undefined)).toEqual({ looks: 0 });
    const paymentId = await payAtCheckout(orderId);

    // Not yet due: the money stays at Razorpay until the first look.
    await sweeper.runOnce(later(1));
    expect(await razorpay.payments.fetch(paymentId)).toMatchObject({ status: 'captured', amount_refunded: 0 });
    expect(await watchOf()).toEqual({ looks: 0 });

    await sweeper.runOnce(later(11));
    expect(await razorpay.payments.fetch(paymentId)).toMatchObject({ status: 'refunded', amount_refunded: 49900, refund_status: 'full' });
    expect(await watchOf()).toEqual({ looks: 1 });

    // The later looks find the refund made and make none; after the last (three days on) the watch ends.
    for (const minutes of [61, 6 * 60 + 1, 24 * 60 + 1, 72 * 60 + 1]) await sweeper.runOnce(later(minutes));
    expect(await watchOf()).toBeUndefined();
    const refunds = await razorpay.payments.fetchMultipleRefund(paymentId);
    expect(refunds.items).toHaveLength(1);
    expect(refunds.items[0]).toMatchObject({ amount: 49900, status: 'processed', receipt: `late_refund:${paymentId}` });
    expect(await ok(Patterns.PaymentIntentRetrieve, { caller: merchant, params: { id: intentId } })).toMatchObject({ status: 'canceled', amount_received: 0 });
  }, 30_000);
});
