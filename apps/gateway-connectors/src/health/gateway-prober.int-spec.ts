import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { INestMicroservice } from '@nestjs/common';
import { Patterns, ServiceNames, type Caller, type GatewayHealthResource } from '@payrail/contracts';
import { InProcessBroker, startService } from '@payrail/messaging';
import { busRequests, openTestDatabase, startStripeMock, type StripeMock, type TestDatabase } from '@payrail/testing';
import { RazorpaySimulator } from '../connectors/razorpay/simulator/razorpay-simulator.js';
import { GatewayConnectorsModule } from '../gateway-connectors.module.js';
import { GatewayProber } from './gateway-prober.js';

const run = randomBytes(4).toString('hex');
const RAZORPAY_KEY = { keyId: `rzp_test_Probe${run}`, keySecret: 'probe_spec_secret_0123' };

/**
 * Light probes against the real peers: stripe-mock answers Stripe's `GET /v1/balance`, the Razorpay
 * simulator `GET /v1/orders` (and refuses a key it does not know, as Razorpay refuses a revoked one).
 * The prober's timer runs once at boot; the test drives every later pass itself.
 */
describe('gateway-connectors: light health probes of idle gateway accounts', () => {
  let postgres: TestDatabase | undefined;
  let stripeMock: StripeMock;
  const razorpay = new RazorpaySimulator([RAZORPAY_KEY]);
  let broker: InProcessBroker;
  let app: INestMicroservice;

  beforeAll(async () => {
    postgres = await openTestDatabase();
    stripeMock = await startStripeMock();
    const razorpayUrl = await razorpay.start();
    const env = {
      ...process.env,
      PAYRAIL_CARD_FINGERPRINT_KEY: 'prober-integration-fingerprint-key-0123456789',
      PAYRAIL_SECRETS_KEY: 'prober-integration-secrets-key-0123456789abcd',
      PAYRAIL_STRIPE_API_BASE: stripeMock.url,
      PAYRAIL_RAZORPAY_API_BASE: razorpayUrl,
      PAYRAIL_GATEWAY_PROBE_INTERVAL_MS: '3600000',
    };
    broker = new InProcessBroker();
    app = await startService({ service: ServiceNames.GatewayConnectors, module: GatewayConnectorsModule.forRoot({ broker, databaseUrl: postgres.url, env }), broker });
    // The boot pass must be over before the accounts exist, or it probes some of them itself.
    await app.get(GatewayProber).idle();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await broker?.close();
    await razorpay.stop();
    await stripeMock?.stop();
    await postgres?.stop();
  });

  const { ok } = busRequests(() => broker);
  const pass = () => app.get(GatewayProber).runOnce();
  const healthOf = async (caller: Caller, accountId: string): Promise<GatewayHealthResource> =>
    (await ok(Patterns.GatewayHealth, { caller, params: {} })).data.find((health) => health.gateway_account === accountId)!;
  const stripeAccount = async (caller: Caller, enabled = true) =>
    (await ok(Patterns.GatewayAccountCreate, { caller, params: { gateway: 'stripe', credentials: { secret_key: `sk_test_${run}probe` }, enabled } })).id;
  const razorpayAccount = async (caller: Caller, keyId: string, keySecret: string) =>
    (await ok(Patterns.GatewayAccountCreate, { caller, params: { gateway: 'razorpay', credentials: { key_id: keyId, key_secret: keySecret } } })).id;

  it('probes idle accounts once per interval: answered keeps them operational, a refused key shows the account down with the reason', async () => {
    const merchant: Caller = { merchantId: `acct_probe_a_${run}`, livemode: false };
    const stripe = await stripeAccount(merchant);
    const good = await razorpayAccount(merchant, RAZORPAY_KEY.keyId, RAZORPAY_KEY.keySecret);
    // A key Razorpay does not know: what a revoked one looks like to the API.
    const revoked = await razorpayAccount(merchant, `rzp_test_Revoked${run}`, 'revoked_secret_0123');

    expect(await pass()).toBeGreaterThanOrEqual(3);

    expect(await healthOf(merchant, stripe)).toMatchObject({
      status: 'operational',
      reason: null,
      last_probe: { outcome: 'answered', latency_ms: expect.any(Number), created: expect.any(Number) },
      uptime_24h: 100,
      // Probes are not payments: no success rate comes of them.
      last_5_minutes: { attempts: 0, success_rate: null },
    });
    expect(await healthOf(merchant, good)).toMatchObject({ status: 'operational', last_probe: { outcome: 'answered' }, uptime_24h: 100 });
    const down = await healthOf(merchant, revoked);
    expect(down).toMatchObject({ status: 'down', last_probe: { outcome: 'credentials_refused' }, uptime_24h: 0, last_5_minutes: { attempts: 0, success_rate: null } });
    expect(down.reason).toContain('credentials_refused');
    expect(down.reason).toContain('Razorpay refused');
    expect(down.reason).not.toContain('revoked_secret_0123');

    // Not due again within the interval: no second probe.
    const probedAt = (await healthOf(merchant, stripe)).last_probe!.created;
    expect(await pass()).toBe(0);
    expect((await healthOf(merchant, stripe)).last_probe!.created).toBe(probedAt);
  }, 30_000);

  it('leaves alone an account payments called lately, and a disabled one', async () => {
    const merchant: Caller = { merchantId: `acct_probe_b_${run}`, livemode: false };
    const busy = await stripeAccount(merchant);
    await ok(Patterns.ConnectorAuthorize, {
      caller: merchant,
      params: { paymentIntentId: `pi_probe${run}`, attempt: 1, amount: 2000, currency: 'usd', paymentMethod: 'pm_card_visa', captureMethod: 'automatic' },
    });
    const other: Caller = { merchantId: `acct_probe_c_${run}`, livemode: false };
    const disabled = await stripeAccount(other, false);

    await pass();
    expect(await healthOf(merchant, busy)).toMatchObject({ last_probe: null, last_5_minutes: { attempts: 1 } });
    expect(await healthOf(other, disabled)).toMatchObject({ last_probe: null, enabled: false });
  }, 30_000);
});
