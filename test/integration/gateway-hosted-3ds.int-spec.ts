import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { DynamicModule, INestMicroservice, Provider } from '@nestjs/common';
import { Patterns, ServiceNames, Topics, type Caller, type ConnectorsEvent, type GatewayCapabilities, type PaymentIntentNextAction, type PaymentsEvent } from '@payrail/contracts';
import { newId } from '@payrail/domain';
import { InProcessBroker, startService } from '@payrail/messaging';
import { busRequests, openTestDatabase, type TestDatabase } from '@payrail/testing';
import { DataSource } from 'typeorm';
// Payments and the real gateway-connectors on one broker: at runtime the two only exchange messages.
import { GatewayConnectorsModule } from '../../apps/gateway-connectors/src/gateway-connectors.module.js';
import { CONNECTOR_FACTORIES } from '../../apps/gateway-connectors/src/routing/payment-connector.js';
import { SandboxConnectorFactory } from '../../apps/gateway-connectors/src/connectors/sandbox/sandbox-connector.factory.js';
import { ScriptedConnectorFactory } from '../../apps/gateway-connectors/src/testing/scripted-connector.factory.js';
import { ProcessingSweeper } from '../../apps/payments/src/payment-intents/processing-sweeper.js';
import { PaymentsModule } from '../../apps/payments/src/payments.module.js';

const run = randomBytes(4).toString('hex');
const merchant: Caller = { merchantId: `acct_hosted3ds_${run}`, livemode: false };
const RETURN_URL = 'https://shop.example/checkout/done';
const env = {
  ...process.env,
  PAYRAIL_CARD_FINGERPRINT_KEY: 'hosted-3ds-fingerprint-key-0123456789abcd',
  PAYRAIL_SECRETS_KEY: 'hosted-3ds-secrets-key-0123456789abcdefgh',
};
const cards: GatewayCapabilities = {
  paymentMethodTypes: ['card'],
  currencies: ['usd'],
  countries: ['*'],
  manualCapture: true,
  partialCapture: true,
  refunds: true,
  partialRefunds: true,
  threeDSecure: true,
};

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A gateway that hosts 3-D Secure itself, as Stripe does with `next_action.redirect_to_url`: the
 * intent sends the customer to the gateway's page (and back to the merchant's return_url), and is
 * completed from the gateway's own record when its callback arrives or when the intent is retrieved.
 */
describe('3-D Secure hosted by the gateway: the customer goes to its page, and the outcome comes from the gateway', () => {
  let postgres: TestDatabase | undefined;
  let broker: InProcessBroker;
  const apps: INestMicroservice[] = [];
  let stripe: ScriptedConnectorFactory;
  let account: string;
  const paymentsEvents: PaymentsEvent[] = [];

  beforeAll(async () => {
    postgres = await openTestDatabase();
    stripe = new ScriptedConnectorFactory('stripe', cards, { refusingUrl: 'http://127.0.0.1:9/', hangingUrl: 'http://127.0.0.1:9/' });
    broker = new InProcessBroker();
    await broker.consumeEvents('hosted-3ds-observer', new Map([[Topics.PaymentsEvents, async (event) => void paymentsEvents.push(event.data as PaymentsEvent)]]));
    const connectors = withProviders(GatewayConnectorsModule.forRoot({ broker, databaseUrl: postgres.url, env }), [
      { provide: CONNECTOR_FACTORIES, useFactory: (sandbox: SandboxConnectorFactory) => [sandbox, stripe], inject: [SandboxConnectorFactory] },
    ]);
    apps.push(await startService({ service: ServiceNames.GatewayConnectors, module: connectors, broker }));
    apps.push(await startService({ service: ServiceNames.Payments, module: PaymentsModule.forRoot({ broker, databaseUrl: postgres.url, env }), broker }));
    account = (await ok(Patterns.GatewayAccountCreate, { caller: merchant, params: { gateway: 'stripe', credentials: { secret_key: `sk_test_${randomBytes(6).toString('hex')}` } } })).id;
    stripe.behaviours.set(account, 'redirects_for_3ds');
  }, 60_000);

  afterAll(async () => {
    for (const app of apps.reverse()) await app.close();
    await broker?.close();
    await postgres?.stop();
  });

  const { ok } = busRequests(() => broker);
  const retrieve = (id: string) => ok(Patterns.PaymentIntentRetrieve, { caller: merchant, params: { id } });
  const eventsOf = (type: string, id: string) => paymentsEvents.filter((event) => event.type === type && (event.data.object as { id: string }).id === id);

  async function awaitingCustomer(): Promise<{ id: string; gatewayUrl: string | undefined; reference: string }> {
    const created = await ok(Patterns.PaymentIntentCreate, { caller: merchant, params: { amount: 3100, currency: 'usd', payment_method: 'pm_card_visa' } });
    const intent = await ok(Patterns.PaymentIntentConfirm, { caller: merchant, params: { id: created.id, return_url: RETURN_URL } });
    expect(intent.status).toBe('requires_action');
    const reference = `scripted_${account}_authorization:${created.id}:1`;
    return { id: created.id, gatewayUrl: redirectUrlOf(intent.next_action), reference };
  }

  it("surfaces the gateway's 3-D Secure URL with the merchant's return_url, and a retrieve after the customer is back settles it once", async () => {
    const { id, gatewayUrl, reference } = await awaitingCustomer();
    const waiting = await retrieve(id);
    expect(waiting.next_action).toEqual({ type: 'redirect_to_url', redirect_to_url: { url: `https://gateway.example/3ds/${encodeURIComponent(reference)}`, return_url: RETURN_URL } });
    expect(gatewayUrl).toBe(redirectUrlOf(waiting.next_action));
    // The gateway was told where to send the customer back: the merchant's return_url.
    expect(stripe.returnUrls.get(reference)).toBe(RETURN_URL);

    // Retrieved before the customer finished: the gateway still waits, so does the intent; no charge.
    expect(await retrieve(id)).toMatchObject({ status: 'requires_action', next_action: waiting.next_action });
    expect((await ok(Patterns.ChargeList, { caller: merchant, params: { payment_intent: id } })).data).toHaveLength(0);

    stripe.finishAuthentication(reference);
    expect(await retrieve(id)).toMatchObject({ status: 'succeeded', amount_received: 3100, next_action: null });
    expect(await retrieve(id)).toMatchObject({ status: 'succeeded' });
    const charges = await ok(Patterns.ChargeList, { caller: merchant, params: { payment_intent: id } });
    expect(charges.data).toHaveLength(1);
    expect(charges.data[0]).toMatchObject({ status: 'succeeded', gateway: { gateway_account: account, gateway: 'stripe', reference } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(eventsOf('payment_intent.succeeded', id)).toHaveLength(1);
    expect(eventsOf('payment_intent.requires_action', id)).toHaveLength(1);
  }, 30_000);

  it("settles from the gateway's callback when the customer never comes back, once although it is delivered twice", async () => {
    const { id, reference } = await awaitingCustomer();
    stripe.finishAuthentication(reference);
    const callback = (): ConnectorsEvent => ({
      id: newId('evt'),
      type: 'gateway.callback.received',
      aggregateId: id,
      merchantId: merchant.merchantId,
      livemode: merchant.livemode,
      occurredAt: Math.floor(Date.now() / 1000),
      requestId: null,
      idempotencyKey: null,
      data: {
        object: {
          callbackId: `gcb_${randomBytes(6).toString('hex')}`,
          gateway: 'stripe',
          gatewayAccountId: account,
          gatewayEventId: `evt_${randomBytes(6).toString('hex')}`,
          paymentIntentId: id,
          attempt: { step: 'authorization', number: 1 },
          outcome: { kind: 'payment_succeeded' },
        },
      },
    });
    const events = [callback(), callback()];
    await broker.publish(Topics.ConnectorsEvents, events.map((event) => ({ key: event.aggregateId, data: event, headers: {} })));

    // Watched through its events: a retrieve would itself ask the gateway.
    await waitFor(async () => eventsOf('payment_intent.succeeded', id).length, (count) => count > 0, 10_000);
    expect(await retrieve(id)).toMatchObject({ status: 'succeeded', amount_received: 3100 });
    expect((await ok(Patterns.ChargeList, { caller: merchant, params: { payment_intent: id } })).data).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(eventsOf('payment_intent.succeeded', id)).toHaveLength(1);
  }, 30_000);

  it("recovers a completion that died after claiming the intent, from the gateway's record of the authorisation", async () => {
    const payments = apps[1].get(DataSource);
    const sweeper = apps[1].get(ProcessingSweeper);
    // A completion claimed the intent (processing, its token spent) and its process died before asking the gateway.
    const diedMidCompletion = (id: string) =>
      payments.query(
        `UPDATE payments.payment_intents SET status = 'processing', authentication_token = NULL, in_flight = '{"step": "authentication", "attempt": 1}',
           updated_at = now() - interval '10 minutes' WHERE id = $1`,
        [id],
      );
    const paid = await awaitingCustomer();
    stripe.finishAuthentication(paid.reference);
    const stillAtGateway = await awaitingCustomer();
    await diedMidCompletion(paid.id);
    await diedMidCompletion(stillAtGateway.id);

    await sweeper.runOnce();
    // The customer had paid at the gateway: settled as paid, never as a failed authentication.
    expect(await retrieve(paid.id)).toMatchObject({ status: 'succeeded', amount_received: 3100 });
    expect((await ok(Patterns.ChargeList, { caller: merchant, params: { payment_intent: paid.id } })).data).toHaveLength(1);
    // The customer had not finished: the intent waits for them again, at the gateway's page.
    const waiting = await retrieve(stillAtGateway.id);
    expect(waiting).toMatchObject({ status: 'requires_action', last_payment_error: null });
    expect(redirectUrlOf(waiting.next_action)).toBe(stillAtGateway.gatewayUrl);
    stripe.finishAuthentication(stillAtGateway.reference);
    expect(await retrieve(stillAtGateway.id)).toMatchObject({ status: 'succeeded' });
  }, 30_000);
});

function redirectUrlOf(action: PaymentIntentNextAction | null): string | undefined {
  return action?.type === 'redirect_to_url' ? action.redirect_to_url.url : undefined;
}

function withProviders(module: DynamicModule, overrides: Provider[]): DynamicModule {
  const tokens = new Set(overrides.map((provider) => (provider as { provide: unknown }).provide));
  const kept = (module.providers ?? []).filter((provider) => !(typeof provider === 'object' && 'provide' in provider && tokens.has(provider.provide)));
  return { ...module, providers: [...kept, ...overrides] };
}
