import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { INestMicroservice } from '@nestjs/common';
import { Patterns, ServiceNames, Topics, type AuthorizePaymentResult, type Caller, type CheckRoutingResult, type RequestOf, type TokenizeCardResult } from '@payrail/contracts';
import { InProcessBroker, startService, type Reply } from '@payrail/messaging';
import { busRequests, openTestDatabase, type TestDatabase } from '@payrail/testing';
import { DataSource } from 'typeorm';
import { PaymentsModule } from '../payments.module.js';
import { CheckoutExpirySweeper } from './checkout-expiry.sweeper.js';

const run = randomBytes(4).toString('hex');
const merchant: Caller = { merchantId: `acct_cs_${run}`, livemode: false };
const answer = (outcome: 'succeeded' | 'requires_action'): AuthorizePaymentResult => ({
  outcome,
  connector: 'sandbox',
  gatewayReference: `gtx_${randomBytes(4).toString('hex')}`,
  card,
  networkStatus: 'approved_by_network',
  riskLevel: 'normal',
  sellerMessage: 'Payment complete.',
  gateway: { gateway_account: null, gateway: 'sandbox', reference: null, attempts: [] },
});
const card = { brand: 'visa', last4: '0002', exp_month: 12, exp_year: 2040, funding: 'credit', country: 'US', fingerprint: 'fpCHECKOUT0123456' };

/** A card the fake gateway asks 3-D Secure for (and authorises once authenticated); it declines every other. */
const THREE_D_SECURE_CARD = '4000002760003184';

/** Payments alone, with a fake gateway-connectors. */
describe('payments: checkout sessions end on their own (expiry sweep, a payment completed elsewhere)', () => {
  let postgres: TestDatabase | undefined;
  let broker: InProcessBroker;
  let app: INestMicroservice;
  let dataSource: DataSource;

  beforeAll(async () => {
    postgres = await openTestDatabase();
    broker = new InProcessBroker();
    await broker.serveRequests(
      'connectors-fake',
      new Map([
        [
          Patterns.ConnectorCardTokenize,
          async (request: { data: unknown }): Promise<Reply> => {
            const { params } = request.data as RequestOf<typeof Patterns.ConnectorCardTokenize>;
            const token = params.source.type === 'card_number' && params.source.number === THREE_D_SECURE_CARD ? 'pm_gateway_3ds' : 'pm_gateway_token';
            return { ok: true, data: { connector: 'sandbox', token, card } satisfies TokenizeCardResult };
          },
        ],
        [
          Patterns.RoutingCheck,
          async (request: { data: unknown }): Promise<Reply> => {
            const { params } = request.data as RequestOf<typeof Patterns.RoutingCheck>;
            return { ok: true, data: { routable: params.paymentMethodTypes, unroutable: [] } satisfies CheckRoutingResult };
          },
        ],
        [
          Patterns.ConnectorCompleteAuthentication,
          async (): Promise<Reply> => ({ ok: true, data: { ...answer('succeeded'), card: { ...card, last4: '3184' } } }),
        ],
        [
          Patterns.ConnectorAuthorize,
          async (request: { data: unknown }): Promise<Reply> => {
            const { params } = request.data as RequestOf<typeof Patterns.ConnectorAuthorize>;
            if (params.paymentMethod === 'pm_gateway_3ds') return { ok: true, data: answer('requires_action') };
            const declined: AuthorizePaymentResult = {
              outcome: 'declined',
              connector: 'sandbox',
              gatewayReference: `gtx_${randomBytes(4).toString('hex')}`,
              card,
              networkStatus: 'declined_by_network',
              riskLevel: 'normal',
              sellerMessage: 'The bank did not approve the payment.',
              failureCode: 'card_declined',
              declineCode: 'generic_decline',
              failureMessage: 'Your card was declined.',
              gateway: { gateway_account: null, gateway: 'sandbox', reference: null, attempts: [] },
            };
            return { ok: true, data: declined };
          },
        ],
      ]),
    );
    app = await startService({ service: ServiceNames.Payments, module: PaymentsModule.forRoot({ broker, databaseUrl: postgres.url, env: process.env }), broker });
    dataSource = app.get(DataSource);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await broker?.close();
    await postgres?.stop();
  });

  const { ok } = busRequests(() => broker);

  const openSession = () =>
    ok(Patterns.CheckoutSessionCreate, {
      caller: merchant,
      params: {
        mode: 'payment',
        line_items: [{ price_data: { currency: 'usd', unit_amount: 1200, product_data: { name: 'Tea' } }, quantity: 1 }],
        success_url: 'https://shop.example/success',
        customer_email: 'tea@example.com',
      },
    });
  const deadlinePassed = (id: string) => dataSource.query(`UPDATE payments.checkout_sessions SET expires_at = now() - interval '1 second' WHERE id = $1`, [id]);
  const eventsOf = async (id: string, topic: string = Topics.PaymentsEvents): Promise<string[]> =>
    ((await dataSource.query(`SELECT "payload" FROM "payments"."outbox" WHERE "message_key" = $1 AND "topic" = $2 ORDER BY "id"`, [id, topic])) as Array<{ payload: { type: string } }>).map(
      (row) => row.payload.type,
    );

  it('expires a session past its deadline once, though passes overlap, and cancels its PaymentIntent', async () => {
    const session = await openSession();
    const attempt = await ok(Patterns.CheckoutSessionPay, {
      id: session.id,
      attempt: 0,
      card: { number: '4000000000000002', exp_month: 12, exp_year: 2040, cvc: '123' },
      return_url: 'https://payrail.example/checkout',
    });
    expect(attempt).toMatchObject({ outcome: 'retry', code: 'generic_decline', message: 'Your card was declined.' });
    const { payment_intent: intentId } = await ok(Patterns.CheckoutSessionRetrieve, { caller: merchant, params: { id: session.id } });
    expect(intentId).toMatch(/^pi_/);

    await deadlinePassed(session.id);
    const sweeper = app.get(CheckoutExpirySweeper);
    await Promise.all([sweeper.runOnce(), sweeper.runOnce()]);

    expect(await ok(Patterns.CheckoutSessionRetrieve, { caller: merchant, params: { id: session.id } })).toMatchObject({ status: 'expired', url: null });
    expect(await ok(Patterns.PaymentIntentRetrieve, { caller: merchant, params: { id: intentId! } })).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' });
    expect(await eventsOf(session.id)).toEqual(['checkout.session.expired']);
    // Its PaymentIntent was announced on the internal topic only, for the transaction's own notifications.
    expect(await eventsOf(session.id, Topics.CheckoutNotifications)).toEqual(['checkout.payment_intent.attached']);
    expect(await ok(Patterns.CheckoutSessionPay, { id: session.id, attempt: 1, card: { number: '4242424242424242', exp_month: 12, exp_year: 2040 }, return_url: 'https://payrail.example/checkout' })).toEqual({ outcome: 'closed' });
  });

  it('leaves a session before its deadline open', async () => {
    const session = await openSession();
    await app.get(CheckoutExpirySweeper).runOnce();
    expect(await ok(Patterns.CheckoutSessionRetrieve, { caller: merchant, params: { id: session.id } })).toMatchObject({ status: 'open' });
    expect(await eventsOf(session.id)).toEqual([]);
  });

  it('completes a session whose payment succeeded while nobody looked at it (3-D Secure finished, the page never opened again)', async () => {
    const session = await openSession();
    const attempt = await ok(Patterns.CheckoutSessionPay, {
      id: session.id,
      attempt: 0,
      card: { number: THREE_D_SECURE_CARD, exp_month: 12, exp_year: 2040, cvc: '123' },
      return_url: 'https://payrail.example/checkout',
    });
    expect(attempt).toMatchObject({ outcome: 'requires_action' });
    const link = new URL((attempt as { redirect_to: string }).redirect_to, 'https://payrail.example');
    const intentId = link.pathname.split('/').pop()!;
    await ok(Patterns.PaymentIntentAuthenticate, { id: intentId, token: link.searchParams.get('token')!, outcome: 'complete' });

    // Read from the table: retrieving the session would settle it itself.
    const statusOf = async () => ((await dataSource.query(`SELECT status, payment_status FROM payments.checkout_sessions WHERE id = $1`, [session.id])) as Array<{ status: string; payment_status: string }>)[0];
    const deadline = Date.now() + 10_000;
    while ((await statusOf()).status === 'open' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await statusOf()).toEqual({ status: 'complete', payment_status: 'paid' });
    expect(await eventsOf(session.id)).toEqual(['checkout.session.completed']);
  });
});
