import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { INestMicroservice } from '@nestjs/common';
import { Patterns, ServiceNames, type Caller } from '@payrail/contracts';
import { InProcessBroker, startService } from '@payrail/messaging';
import { busRequests, openTestDatabase, type TestDatabase } from '@payrail/testing';
import { DataSource } from 'typeorm';
import { GatewayConnectorsModule } from '../gateway-connectors.module.js';
import { GatewayAccountSecrets } from './gateway-account-secrets.js';

const run = randomBytes(4).toString('hex');
const merchant: Caller = { merchantId: `acct_ga_a_${run}`, livemode: false };
const otherMerchant: Caller = { merchantId: `acct_ga_b_${run}`, livemode: false };
const liveMerchant: Caller = { merchantId: `acct_ga_a_${run}`, livemode: true };
const secretsKey = 'gateway-accounts-integration-secrets-0123456789';
const env = {
  ...process.env,
  PAYRAIL_CARD_FINGERPRINT_KEY: 'gateway-accounts-integration-key-0123456789',
  PAYRAIL_SECRETS_KEY: secretsKey,
  // Its Stripe and Razorpay accounts have made-up keys and the real gateways' addresses: never probe them.
  PAYRAIL_GATEWAY_PROBE_INTERVAL_MS: '0',
  PAYRAIL_PUBLIC_URL: 'https://pay.example.com/',
};
const webhookSecret = `whsec_${randomBytes(24).toString('hex')}`;

describe('gateway-connectors: gateway accounts (embedded Postgres, in-process transport)', () => {
  let postgres: TestDatabase | undefined;
  let broker: InProcessBroker;
  let app: INestMicroservice;
  let dataSource: DataSource;

  beforeAll(async () => {
    postgres = await openTestDatabase();
    broker = new InProcessBroker();
    app = await startService({ service: ServiceNames.GatewayConnectors, module: GatewayConnectorsModule.forRoot({ broker, databaseUrl: postgres.url, env }), broker });
    dataSource = app.get(DataSource);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await broker?.close();
    await postgres?.stop();
  });

  const { ok, refused } = busRequests(() => broker);

  it('keeps the webhook secret sealed at rest: the raw row holds only the sealed box and a hint', async () => {
    const account = await ok(Patterns.GatewayAccountCreate, { caller: merchant, params: { gateway: 'sandbox', webhook_secret: webhookSecret, metadata: { team: 'payments' } } });
    expect(account).toMatchObject({
      object: 'gateway_account',
      gateway: 'sandbox',
      livemode: false,
      enabled: true,
      credentials: {},
      webhook_secret: `whsec_…${webhookSecret.slice(-4)}`,
      callback_url: `https://pay.example.com/v1/callbacks/sandbox/${account.id}`,
      metadata: { team: 'payments' },
    });
    expect(account.id).toMatch(/^ga_[0-9A-Za-z]{24}$/);
    expect(JSON.stringify(account)).not.toContain(webhookSecret);

    const [row] = (await dataSource.query(`SELECT * FROM "connectors"."gateway_accounts" WHERE "id" = $1`, [account.id])) as Array<Record<string, unknown>>;
    expect(JSON.stringify(row)).not.toContain(webhookSecret);
    expect(row.webhook_secret_sealed).toMatch(/^v1\./);
    // Sealed under the deployment's key and bound to this account: it opens here, and nowhere else.
    const secrets = new GatewayAccountSecrets(secretsKey);
    expect(secrets.openWebhookSecret(account.id, row.webhook_secret_sealed as string)).toBe(webhookSecret);
    expect(() => secrets.openWebhookSecret('ga_another', row.webhook_secret_sealed as string)).toThrow();
    expect(() => new GatewayAccountSecrets('another-deployment-secrets-key-0123456789').openWebhookSecret(account.id, row.webhook_secret_sealed as string)).toThrow();
    expect(secrets.openCredentials(account.id, row.credentials_sealed as string)).toEqual({});
  });

  it('routes a test payment to the first enabled account and captures through the account that authorised', async () => {
    const router: Caller = { merchantId: `acct_ga_router_${run}`, livemode: false };
    const create = (enabled: boolean) => ok(Patterns.GatewayAccountCreate, { caller: router, params: { gateway: 'sandbox', enabled } });
    const disabled = await create(false);
    const first = await create(true);
    const second = await create(true);
    const accountOf = async (gatewayReference: string) =>
      ((await dataSource.query(`SELECT "gateway_account_id" FROM "connectors"."gateway_transactions" WHERE "id" = $1`, [gatewayReference])) as Array<{ gateway_account_id: string }>)[0]
        .gateway_account_id;
    const authorize = (paymentIntentId: string) =>
      ok(Patterns.ConnectorAuthorize, {
        caller: router,
        params: { paymentIntentId, attempt: 1, amount: 1500, currency: 'eur', paymentMethod: 'pm_card_visa', captureMethod: 'manual' },
      });

    const authorized = await authorize(`pi_ga1${run}`);
    expect(authorized).toMatchObject({ outcome: 'succeeded', connector: 'sandbox' });
    expect(await accountOf(authorized.gatewayReference)).toBe(first.id);
    expect(await accountOf(authorized.gatewayReference)).not.toBe(disabled.id);

    // Disabling the account stops new routing to it, not the follow-ups of what it authorised.
    await ok(Patterns.GatewayAccountUpdate, { caller: router, params: { id: first.id, enabled: false } });
    expect(await accountOf((await authorize(`pi_ga2${run}`)).gatewayReference)).toBe(second.id);
    const captured = await ok(Patterns.ConnectorCapture, {
      caller: router,
      params: { paymentIntentId: `pi_ga1${run}`, connector: 'sandbox', gatewayReference: authorized.gatewayReference, amount: 1500, currency: 'eur' },
    });
    expect(captured.status).toBe('succeeded');
    expect(await accountOf(captured.gatewayReference)).toBe(first.id);
  });

  it('refuses a live payment without a live account, and a sandbox account in live mode', async () => {
    const refusal = await refused(Patterns.ConnectorAuthorize, {
      caller: liveMerchant,
      params: { paymentIntentId: `pi_gal${run}`, attempt: 1, amount: 1500, currency: 'usd', paymentMethod: 'pm_card_visa', captureMethod: 'automatic' },
    });
    expect(refusal.code).toBe('gateway_account_required');
    const sandboxLive = await refused(Patterns.GatewayAccountCreate, { caller: liveMerchant, params: { gateway: 'sandbox' } });
    expect(sandboxLive).toMatchObject({ code: 'parameter_invalid', param: 'gateway' });
  });

  it('names the parameter at fault and keeps every account to its merchant', async () => {
    expect(await refused(Patterns.GatewayAccountCreate, { caller: merchant, params: { gateway: 'bogus' } })).toMatchObject({ code: 'parameter_invalid', param: 'gateway' });
    expect(await refused(Patterns.GatewayAccountCreate, { caller: merchant, params: { gateway: 'sandbox', credentials: { secret_key: 'sk_test_x' } } })).toMatchObject({
      code: 'parameter_unknown',
      param: 'credentials[secret_key]',
    });
    const account = await ok(Patterns.GatewayAccountCreate, { caller: merchant, params: { gateway: 'sandbox' } });
    expect(await refused(Patterns.GatewayAccountRetrieve, { caller: otherMerchant, params: { id: account.id } })).toMatchObject({ code: 'resource_missing' });
    expect(await refused(Patterns.GatewayAccountDelete, { caller: otherMerchant, params: { id: account.id } })).toMatchObject({ code: 'resource_missing' });
    expect((await ok(Patterns.GatewayAccountList, { caller: otherMerchant, params: {} })).data).toEqual([]);
    expect(await ok(Patterns.GatewayAccountDelete, { caller: merchant, params: { id: account.id } })).toEqual({ id: account.id, object: 'gateway_account', deleted: true });
    expect(await refused(Patterns.GatewayAccountRetrieve, { caller: merchant, params: { id: account.id } })).toMatchObject({ code: 'resource_missing' });
  });
});
