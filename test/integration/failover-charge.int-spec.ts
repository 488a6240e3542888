import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import type { DynamicModule, INestMicroservice, Provider } from '@nestjs/common';
import { Patterns, ServiceNames, type Caller, type GatewayCapabilities } from '@payrail/contracts';
import { InProcessBroker, startService } from '@payrail/messaging';
import { busRequests, openTestDatabase, type TestDatabase } from '@payrail/testing';
// Payments and the real gateway-connectors on one broker: at runtime the two only exchange messages.
import { GatewayConnectorsModule } from '../../apps/gateway-connectors/src/gateway-connectors.module.js';
import { CONNECTOR_FACTORIES } from '../../apps/gateway-connectors/src/routing/payment-connector.js';
import { SandboxConnectorFactory } from '../../apps/gateway-connectors/src/connectors/sandbox/sandbox-connector.factory.js';
import { ScriptedConnectorFactory } from '../../apps/gateway-connectors/src/testing/scripted-connector.factory.js';
import { PaymentsModule } from '../../apps/payments/src/payments.module.js';

const run = randomBytes(4).toString('hex');
const env = {
  ...process.env,
  PAYRAIL_CARD_FINGERPRINT_KEY: 'failover-charge-fingerprint-key-0123456789',
  PAYRAIL_SECRETS_KEY: 'failover-charge-secrets-key-0123456789abcdef',
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

/** A port that was open a moment ago and is closed now: connecting to it is refused. */
async function refusingUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/v1/payments`;
}

describe('the charge records the gateway that took it and every account tried', () => {
  let postgres: TestDatabase | undefined;
  let broker: InProcessBroker;
  const apps: INestMicroservice[] = [];
  let stripe: ScriptedConnectorFactory;
  let razorpay: ScriptedConnectorFactory;

  beforeAll(async () => {
    postgres = await openTestDatabase();
    const refusing = await refusingUrl();
    const addresses = { refusingUrl: refusing, hangingUrl: refusing };
    stripe = new ScriptedConnectorFactory('stripe', cards, addresses);
    razorpay = new ScriptedConnectorFactory('razorpay', cards, addresses);
    broker = new InProcessBroker();
    const connectors = withProviders(GatewayConnectorsModule.forRoot({ broker, databaseUrl: postgres.url, env }), [
      { provide: CONNECTOR_FACTORIES, useFactory: (sandbox: SandboxConnectorFactory) => [sandbox, stripe, razorpay], inject: [SandboxConnectorFactory] },
    ]);
    apps.push(await startService({ service: ServiceNames.GatewayConnectors, module: connectors, broker }));
    apps.push(await startService({ service: ServiceNames.Payments, module: PaymentsModule.forRoot({ broker, databaseUrl: postgres.url, env }), broker }));
  }, 60_000);

  afterAll(async () => {
    for (const app of apps.reverse()) await app.close();
    await broker?.close();
    await postgres?.stop();
  });

  const { ok } = busRequests(() => broker);
  const account = async (caller: Caller, gateway: 'stripe' | 'razorpay', secretKey: string) =>
    (await ok(Patterns.GatewayAccountCreate, { caller, params: { gateway, credentials: { secret_key: secretKey } } })).id;

  it('primary refuses connections, the fallback pays: one charge, whose gateway shows both tries in order', async () => {
    const merchant: Caller = { merchantId: `acct_fochg_${run}`, livemode: false };
    const secretKeys = [`sk_test_${randomBytes(12).toString('hex')}`, `sk_test_${randomBytes(12).toString('hex')}`];
    const primary = await account(merchant, 'stripe', secretKeys[0]);
    const fallback = await account(merchant, 'razorpay', secretKeys[1]);
    stripe.behaviours.set(primary, 'refuses_connections');
    await ok(Patterns.RoutingRuleCreate, { caller: merchant, params: { currencies: ['usd'], gateway_account: primary, fallback_gateway_accounts: [fallback] } });

    const intent = await ok(Patterns.PaymentIntentCreate, { caller: merchant, params: { amount: 4200, currency: 'usd', payment_method: 'pm_card_visa' } });
    const confirmed = await ok(Patterns.PaymentIntentConfirm, { caller: merchant, params: { id: intent.id } });
    expect(confirmed).toMatchObject({ status: 'succeeded', amount_received: 4200 });

    const charges = await ok(Patterns.ChargeList, { caller: merchant, params: { payment_intent: intent.id } });
    expect(charges.data).toHaveLength(1);
    const charge = await ok(Patterns.ChargeRetrieve, { caller: merchant, params: { id: charges.data[0].id } });
    expect(charge.gateway).toEqual({
      gateway_account: fallback,
      gateway: 'razorpay',
      reference: `scripted_${fallback}_authorization:${intent.id}:1`,
      attempts: [
        { gateway_account: primary, gateway: 'stripe', outcome: 'unreachable', failure_code: null, latency_ms: expect.any(Number), created: expect.any(Number) },
        { gateway_account: fallback, gateway: 'razorpay', outcome: 'answered', failure_code: null, latency_ms: expect.any(Number), created: expect.any(Number) },
      ],
    });
    expect(charge.gateway!.attempts[0].created).toBeLessThanOrEqual(charge.gateway!.attempts[1].created);
    expect(stripe.callsTo(primary)).toBe(1);
    expect(razorpay.callsTo(fallback)).toBe(1);
    // Nothing gateway-secret on the charge.
    for (const secretKey of secretKeys) expect(JSON.stringify(charge)).not.toContain(secretKey);
  }, 30_000);
});

function withProviders(module: DynamicModule, overrides: Provider[]): DynamicModule {
  const tokens = new Set(overrides.map((provider) => (provider as { provide: unknown }).provide));
  const kept = (module.providers ?? []).filter((provider) => !(typeof provider === 'object' && 'provide' in provider && tokens.has(provider.provide)));
  return { ...module, providers: [...kept, ...overrides] };
}
