import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import type { DynamicModule, INestMicroservice, Provider } from '@nestjs/common';
import { Patterns, ServiceNames, Topics, type Caller, type GatewayCapabilities, type PaymentsEvent } from '@payrail/contracts';
import { InProcessBroker, startService } from '@payrail/messaging';
import { busRequests, openTestDatabase, type TestDatabase } from '@payrail/testing';
import { DataSource } from 'typeorm';
// Payments and the real gateway-connectors on one broker: at runtime the two only exchange messages.
import { GatewayConnectorsModule } from '../../apps/gateway-connectors/src/gateway-connectors.module.js';
import { CONNECTOR_FACTORIES } from '../../apps/gateway-connectors/src/routing/payment-connector.js';
import { SandboxConnectorFactory } from '../../apps/gateway-connectors/src/connectors/sandbox/sandbox-connector.factory.js';
import { ScriptedConnectorFactory } from '../../apps/gateway-connectors/src/testing/scripted-connector.factory.js';
import { PaymentsModule } from '../../apps/payments/src/payments.module.js';

const run = randomBytes(4).toString('hex');
const merchant: Caller = { merchantId: `acct_killed_${run}`, livemode: false };
const env = {
  ...process.env,
  PAYRAIL_CARD_FINGERPRINT_KEY: 'killed-gateway-fingerprint-key-0123456789',
  PAYRAIL_SECRETS_KEY: 'killed-gateway-secrets-key-0123456789abcdef',
  // The schedule, shortened: tries 1, 2, 4 and 8 seconds after the intent went processing, then every pass is over.
  PAYRAIL_PROCESSING_STALE_AFTER_MS: '1000',
  PAYRAIL_PROCESSING_SWEEP_INTERVAL_MS: '200',
  PAYRAIL_RECONCILIATION_SCHEDULE: '1s,2s,4s,8s,60s',
};
const cards: GatewayCapabilities = {
  paymentMethodTypes: ['card'],
  currencies: ['usd'],
  countries: ['*'],
  manualCapture: true,
  partialCapture: true,
  refunds: true,
  partialRefunds: true,
  threeDSecure: false,
};

/** Takes every request and never answers: a gateway that died with the confirmation in its hands. */
async function hangingServer(): Promise<{ server: Server; sockets: Set<Socket>; url: string }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('data', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, sockets, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/v1/payments` };
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('no intent stays processing: the gateway dies mid-confirm and reconciliation settles the intent', () => {
  let postgres: TestDatabase | undefined;
  let broker: InProcessBroker;
  const apps: INestMicroservice[] = [];
  let payments: DataSource;
  let hanging: Awaited<ReturnType<typeof hangingServer>>;
  let stripe: ScriptedConnectorFactory;
  const paymentsEvents: PaymentsEvent[] = [];

  beforeAll(async () => {
    postgres = await openTestDatabase();
    hanging = await hangingServer();
    stripe = new ScriptedConnectorFactory('stripe', cards, { refusingUrl: hanging.url, hangingUrl: hanging.url });
    broker = new InProcessBroker();
    await broker.consumeEvents('killed-gateway-observer', new Map([[Topics.PaymentsEvents, async (event) => void paymentsEvents.push(event.data as PaymentsEvent)]]));
    const connectors = withProviders(GatewayConnectorsModule.forRoot({ broker, databaseUrl: postgres.url, env }), [
      { provide: CONNECTOR_FACTORIES, useFactory: (sandbox: SandboxConnectorFactory) => [sandbox, stripe], inject: [SandboxConnectorFactory] },
    ]);
    apps.push(await startService({ service: ServiceNames.GatewayConnectors, module: connectors, broker }));
    apps.push(await startService({ service: ServiceNames.Payments, module: PaymentsModule.forRoot({ broker, databaseUrl: postgres.url, env }), broker }));
    payments = apps[1].get(DataSource);
  }, 60_000);

  afterAll(async () => {
    for (const app of apps.reverse()) await app.close();
    await broker?.close();
    for (const socket of hanging?.sockets ?? []) socket.destroy();
    hanging?.server.close();
    await postgres?.stop();
  });

  const { ok, send } = busRequests(() => broker);
  const rowOf = async (id: string) =>
    ((await payments.query(`SELECT status, reconciliation_attempts, reconciliation_last_error FROM payments.payment_intents WHERE id = $1`, [id])) as Array<{
      status: string;
      reconciliation_attempts: number;
      reconciliation_last_error: string | null;
    }>)[0];

  it('leaves the intent processing while the gateway is down, then settles it from the gateway once it is back, charged once', async () => {
    const account = (await ok(Patterns.GatewayAccountCreate, { caller: merchant, params: { gateway: 'stripe', credentials: { secret_key: `sk_test_${randomBytes(6).toString('hex')}` } } })).id;
    stripe.behaviours.set(account, 'hangs');
    const intent = await ok(Patterns.PaymentIntentCreate, { caller: merchant, params: { amount: 2600, currency: 'usd', payment_method: 'pm_card_visa' } });

    // The gateway takes the confirmation and dies before answering: the outcome is unknown.
    const confirmation = await send(Patterns.PaymentIntentConfirm, { caller: merchant, params: { id: intent.id } });
    expect(confirmation).toMatchObject({ ok: false, error: { code: 'upstream_timeout' } });
    expect((await rowOf(intent.id)).status).toBe('processing');
    expect(stripe.callsTo(account)).toBe(1);

    // Reconciliation asks while the gateway is still down: the try is recorded, the intent stays processing.
    // A try is claimed (attempts counted) before the gateway is asked, so wait for the try's outcome itself.
    const down = await waitFor(() => rowOf(intent.id), (row) => row.reconciliation_last_error !== null, 10_000);
    expect(down.reconciliation_attempts).toBeGreaterThanOrEqual(1);
    expect(down).toMatchObject({ status: 'processing' });
    expect(down.reconciliation_last_error).toContain('stripe could not be asked right now');

    // The gateway is back; a later scheduled try finds the payment it took.
    stripe.behaviours.set(account, 'pays');
    const settled = await waitFor(() => rowOf(intent.id), (row) => row.status !== 'processing', 15_000);
    expect(settled.status).toBe('succeeded');
    expect(await ok(Patterns.PaymentIntentRetrieve, { caller: merchant, params: { id: intent.id } })).toMatchObject({ status: 'succeeded', amount_received: 2600 });
    const charges = await ok(Patterns.ChargeList, { caller: merchant, params: { payment_intent: intent.id } });
    expect(charges.data).toHaveLength(1);
    // The charge learnt from the gateway's record still names the one try, whose answer never came.
    expect(charges.data[0].gateway).toMatchObject({ gateway_account: account, gateway: 'stripe', attempts: [{ gateway_account: account, outcome: 'outcome_unknown' }] });
    // Asked about, never authorised again.
    expect(stripe.callsTo(account)).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(paymentsEvents.filter((event) => event.type === 'payment_intent.succeeded' && (event.data.object as { id: string }).id === intent.id)).toHaveLength(1);
  }, 60_000);
});

function withProviders(module: DynamicModule, overrides: Provider[]): DynamicModule {
  const tokens = new Set(overrides.map((provider) => (provider as { provide: unknown }).provide));
  const kept = (module.providers ?? []).filter((provider) => !(typeof provider === 'object' && 'provide' in provider && tokens.has(provider.provide)));
  return { ...module, providers: [...kept, ...overrides] };
}
