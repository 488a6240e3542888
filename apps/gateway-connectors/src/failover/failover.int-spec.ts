import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import type { DynamicModule, INestMicroservice, Provider } from '@nestjs/common';
import { Patterns, ServiceNames, type Caller, type GatewayCapabilities } from '@payrail/contracts';
import { InProcessBroker, startService } from '@payrail/messaging';
import { busRequests, openTestDatabase, type TestDatabase } from '@payrail/testing';
import { DataSource } from 'typeorm';
import { GatewayConnectorsModule } from '../gateway-connectors.module.js';
import { CONNECTOR_FACTORIES } from '../routing/payment-connector.js';
import { SandboxConnectorFactory } from '../connectors/sandbox/sandbox-connector.factory.js';
import { ScriptedConnectorFactory } from '../testing/scripted-connector.factory.js';
import { CIRCUIT_CLOCK } from './circuit-breaker.js';

const run = randomBytes(4).toString('hex');
const env = {
  ...process.env,
  PAYRAIL_CARD_FINGERPRINT_KEY: 'failover-integration-fingerprint-key-0123456789',
  PAYRAIL_SECRETS_KEY: 'failover-integration-secrets-key-0123456789',
};
const cards = (currencies: string[]): GatewayCapabilities => ({
  paymentMethodTypes: ['card'],
  currencies,
  countries: ['*'],
  manualCapture: true,
  partialCapture: true,
  refunds: true,
  partialRefunds: true,
  threeDSecure: false,
});

/** A port that was open a moment ago and is closed now: connecting to it is refused. */
async function refusingUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/v1/payments`;
}

/** Takes every request and never answers. */
async function hangingServer(): Promise<{ server: Server; sockets: Set<Socket>; url: string }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('data', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, sockets, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/v1/payments` };
}

describe('gateway-connectors: failover and circuit breakers (embedded Postgres, in-process transport)', () => {
  let postgres: TestDatabase | undefined;
  let broker: InProcessBroker;
  let app: INestMicroservice;
  let dataSource: DataSource;
  let hanging: Awaited<ReturnType<typeof hangingServer>>;
  let stripe: ScriptedConnectorFactory;
  let razorpay: ScriptedConnectorFactory;
  let clockOffsetMs = 0;

  beforeAll(async () => {
    postgres = await openTestDatabase();
    hanging = await hangingServer();
    const addresses = { refusingUrl: await refusingUrl(), hangingUrl: hanging.url };
    stripe = new ScriptedConnectorFactory('stripe', cards(['usd', 'eur']), addresses);
    razorpay = new ScriptedConnectorFactory('razorpay', cards(['usd', 'inr']), addresses);
    broker = new InProcessBroker();
    const module = withProviders(GatewayConnectorsModule.forRoot({ broker, databaseUrl: postgres.url, env }), [
      { provide: CONNECTOR_FACTORIES, useFactory: (sandbox: SandboxConnectorFactory) => [sandbox, stripe, razorpay], inject: [SandboxConnectorFactory] },
      { provide: CIRCUIT_CLOCK, useValue: () => new Date(Date.now() + clockOffsetMs) },
    ]);
    app = await startService({ service: ServiceNames.GatewayConnectors, module, broker });
    dataSource = app.get(DataSource);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await broker?.close();
    for (const socket of hanging?.sockets ?? []) socket.destroy();
    hanging?.server.close();
    await postgres?.stop();
  });

  const { ok, refused } = busRequests(() => broker);

  const account = async (caller: Caller, gateway: 'stripe' | 'razorpay') =>
    (await ok(Patterns.GatewayAccountCreate, { caller, params: { gateway, credentials: { secret_key: `sk_test_${randomBytes(6).toString('hex')}` } } })).id;
  const authorize = (caller: Caller, paymentIntentId: string, attempt = 1) => ({
    caller,
    params: { paymentIntentId, attempt, amount: 2500, currency: 'usd', paymentMethod: 'pm_card_visa', captureMethod: 'automatic' as const },
  });
  const transactionsOf = async (paymentIntentId: string) =>
    (await dataSource.query(`SELECT "gateway_account_id" FROM "connectors"."gateway_transactions" WHERE "source_id" = $1`, [paymentIntentId])) as Array<{ gateway_account_id: string }>;
  const routeOf = async (paymentIntentId: string) =>
    ((await dataSource.query(`SELECT "gateway_account_id" FROM "connectors"."authorization_routes" WHERE "idempotency_key" = $1`, [`authorization:${paymentIntentId}:1`])) as Array<{ gateway_account_id: string }>)[0]
      ?.gateway_account_id;
  const attemptsOf = async (paymentIntentId: string) =>
    (
      (await dataSource.query(`SELECT "gateway_account_id", "outcome_class" FROM "connectors"."authorization_attempts" WHERE "idempotency_key" = $1 ORDER BY "attempted_at", "id"`, [
        `authorization:${paymentIntentId}:1`,
      ])) as Array<{ gateway_account_id: string; outcome_class: string }>
    ).map((row) => [row.gateway_account_id, row.outcome_class]);

  it('fails over when the primary refuses connections: the fallback pays, once, and the charge and route name it', async () => {
    const merchant: Caller = { merchantId: `acct_fo_a_${run}`, livemode: false };
    const primary = await account(merchant, 'stripe');
    const fallback = await account(merchant, 'razorpay');
    stripe.behaviours.set(primary, 'refuses_connections');
    await ok(Patterns.RoutingRuleCreate, { caller: merchant, params: { currencies: ['usd'], gateway_account: primary, fallback_gateway_accounts: [fallback] } });

    const paymentIntentId = `pi_fo1${run}`;
    const answer = await ok(Patterns.ConnectorAuthorize, authorize(merchant, paymentIntentId));
    expect(answer).toMatchObject({ outcome: 'succeeded', connector: 'razorpay' });
    expect(await transactionsOf(paymentIntentId)).toEqual([{ gateway_account_id: fallback }]);
    expect(await routeOf(paymentIntentId)).toBe(fallback);
    expect(await attemptsOf(paymentIntentId)).toEqual([
      [primary, 'unreachable'],
      [fallback, 'answered'],
    ]);
    expect(razorpay.callsTo(fallback)).toBe(1);

    // A retry of the same attempt replays the recorded answer: no second charge anywhere.
    expect(await ok(Patterns.ConnectorAuthorize, authorize(merchant, paymentIntentId))).toEqual(answer);
    expect(razorpay.callsTo(fallback)).toBe(1);
    expect(await transactionsOf(paymentIntentId)).toHaveLength(1);
  }, 20_000);

  it("records the fee a gateway reports for a payment captured at once, and leaves a manual-capture authorisation's fee to its capture", async () => {
    const merchant: Caller = { merchantId: `acct_fo_fee_${run}`, livemode: false };
    await account(merchant, 'stripe');
    stripe.feeOnSuccess = { amount: 103, currency: 'USD' };
    try {
      const feeOf = async (gatewayReference: string) => {
        const [row] = (await dataSource.query(`SELECT "payload" FROM "connectors"."outbox" WHERE "message_key" = $1`, [gatewayReference])) as Array<{ payload: { data: { object: { gatewayFee: unknown } } } }>;
        return row.payload.data.object.gatewayFee;
      };
      const automatic = await ok(Patterns.ConnectorAuthorize, authorize(merchant, `pi_fofee1${run}`));
      expect(await feeOf(automatic.gatewayReference)).toEqual({ amount: 103, currency: 'usd' });
      const manual = authorize(merchant, `pi_fofee2${run}`);
      const authorised = await ok(Patterns.ConnectorAuthorize, { ...manual, params: { ...manual.params, captureMethod: 'manual' as const } });
      // Booked with the capture instead, so that a gateway reporting it on both can never count it twice.
      expect(await feeOf(authorised.gatewayReference)).toBeNull();
    } finally {
      stripe.feeOnSuccess = undefined;
    }
  });

  it('never sends a timed-out attempt elsewhere: it stays with the account that may have taken it', async () => {
    const merchant: Caller = { merchantId: `acct_fo_b_${run}`, livemode: false };
    const primary = await account(merchant, 'stripe');
    const fallback = await account(merchant, 'razorpay');
    stripe.behaviours.set(primary, 'hangs');
    await ok(Patterns.RoutingRuleCreate, { caller: merchant, params: { gateway_account: primary, fallback_gateway_accounts: [fallback] } });

    const paymentIntentId = `pi_fo2${run}`;
    expect(await refused(Patterns.ConnectorAuthorize, authorize(merchant, paymentIntentId))).toMatchObject({ code: 'upstream_timeout' });
    expect(razorpay.callsTo(fallback)).toBe(0);
    expect(await transactionsOf(paymentIntentId)).toEqual([]);
    expect(await routeOf(paymentIntentId)).toBe(primary);
    expect(await attemptsOf(paymentIntentId)).toEqual([[primary, 'outcome_unknown']]);

    // Retried once the primary answers again, the attempt goes to the primary alone, even were it down now.
    stripe.behaviours.set(primary, 'unreachable');
    expect(await refused(Patterns.ConnectorAuthorize, authorize(merchant, paymentIntentId))).toMatchObject({ code: 'gateway_unavailable' });
    expect(razorpay.callsTo(fallback)).toBe(0);
    stripe.behaviours.set(primary, 'pays');
    expect(await ok(Patterns.ConnectorAuthorize, authorize(merchant, paymentIntentId))).toMatchObject({ outcome: 'succeeded', connector: 'stripe' });
    expect(await transactionsOf(paymentIntentId)).toEqual([{ gateway_account_id: primary }]);
    expect(razorpay.callsTo(fallback)).toBe(0);
  }, 20_000);

  it('opens the circuit of a failing account, skips it while open, lets one probe through half-open, and closes on its success', async () => {
    const merchant: Caller = { merchantId: `acct_fo_c_${run}`, livemode: false };
    const primary = await account(merchant, 'stripe');
    const fallback = await account(merchant, 'razorpay');
    stripe.behaviours.set(primary, 'unreachable');
    // No rule: the capable accounts in creation order, the primary first.
    for (let i = 0; i < 20; i += 1) expect(await ok(Patterns.ConnectorAuthorize, authorize(merchant, `pi_fo3_${i}_${run}`))).toMatchObject({ connector: 'razorpay' });
    expect(stripe.callsTo(primary)).toBe(20);

    const health = async () => (await ok(Patterns.GatewayHealth, { caller: merchant, params: {} })).data.find((each) => each.gateway_account === primary)!;
    expect(await health()).toMatchObject({ status: 'down', circuit: { state: 'open' }, last_5_minutes: { attempts: 20, success_rate: 0 } });

    // Open: the primary is not called at all; the payment fails over at once.
    expect(await ok(Patterns.ConnectorAuthorize, authorize(merchant, `pi_fo4${run}`))).toMatchObject({ connector: 'razorpay' });
    expect(stripe.callsTo(primary)).toBe(20);
    expect(await attemptsOf(`pi_fo4${run}`)).toEqual([
      [primary, 'circuit_open'],
      [fallback, 'answered'],
    ]);

    // 30 s later it is half-open: of two concurrent payments exactly one probes the primary.
    clockOffsetMs += 30_000;
    expect(await health()).toMatchObject({ status: 'degraded', circuit: { state: 'half_open' } });
    stripe.behaviours.set(primary, 'pays');
    stripe.delayMs = 300;
    const both = await Promise.all([ok(Patterns.ConnectorAuthorize, authorize(merchant, `pi_fo5${run}`)), ok(Patterns.ConnectorAuthorize, authorize(merchant, `pi_fo6${run}`))]);
    stripe.delayMs = 0;
    expect(both.map((answer) => answer.connector).sort()).toEqual(['razorpay', 'stripe']);
    expect(stripe.callsTo(primary)).toBe(21);

    expect(await health()).toMatchObject({ circuit: { state: 'closed', opened_at: null }, status: 'degraded', last_5_minutes: { attempts: 21 } });
    expect(await ok(Patterns.ConnectorAuthorize, authorize(merchant, `pi_fo7${run}`))).toMatchObject({ connector: 'stripe' });
    const [fallbackHealth] = (await ok(Patterns.GatewayHealth, { caller: merchant, params: {} })).data.filter((each) => each.gateway_account === fallback);
    expect(fallbackHealth).toMatchObject({ status: 'operational', circuit: { state: 'closed' }, last_5_minutes: { success_rate: 1 }, uptime_24h: 100 });
    expect(fallbackHealth.last_5_minutes.latency_ms.p50).toEqual(expect.any(Number));
    // Another merchant sees none of these accounts.
    expect((await ok(Patterns.GatewayHealth, { caller: { merchantId: `acct_fo_x_${run}`, livemode: false }, params: {} })).data).toEqual([]);
  }, 30_000);
});

function withProviders(module: DynamicModule, overrides: Provider[]): DynamicModule {
  const tokens = new Set(overrides.map((provider) => (provider as { provide: unknown }).provide));
  const kept = (module.providers ?? []).filter((provider) => !(typeof provider === 'object' && 'provide' in provider && tokens.has(provider.provide)));
  return { ...module, providers: [...kept, ...overrides] };
}
