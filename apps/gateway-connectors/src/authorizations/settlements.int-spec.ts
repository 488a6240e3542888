import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { INestMicroservice } from '@nestjs/common';
import { Patterns, ServiceNames, type AuthorizePaymentParams, type Caller } from '@payrail/contracts';
import { InProcessBroker, startService } from '@payrail/messaging';
import { busRequests, openTestDatabase, type TestDatabase } from '@payrail/testing';
import { DataSource } from 'typeorm';
import { GatewayConnectorsModule } from '../gateway-connectors.module.js';

const run = randomBytes(4).toString('hex');
const merchant: Caller = { merchantId: `acct_settle_a_${run}`, livemode: false };
const otherMerchant: Caller = { merchantId: `acct_settle_b_${run}`, livemode: false };
const env = { ...process.env, PAYRAIL_CARD_FINGERPRINT_KEY: 'settlements-integration-key-0123456789', PAYRAIL_SECRETS_KEY: 'integration-secrets-key-0123456789abcdef' };

describe('gateway-connectors: 3D Secure, captures and voids (embedded Postgres, in-process transport)', () => {
  let postgres: TestDatabase | undefined;
  let broker: InProcessBroker;
  let app: INestMicroservice;
  let dataSource: DataSource;
  let sequence = 0;

  beforeAll(async () => {
    postgres = await openTestDatabase();
    const databaseUrl = postgres.url;
    broker = new InProcessBroker();
    app = await startService({ service: ServiceNames.GatewayConnectors, module: GatewayConnectorsModule.forRoot({ broker, databaseUrl, env }), broker });
    dataSource = app.get(DataSource);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await broker?.close();
    await postgres?.stop();
  });

  const { ok, refused } = busRequests(() => broker);

  function authorization(overrides: Partial<AuthorizePaymentParams> = {}): AuthorizePaymentParams {
    sequence += 1;
    return { paymentIntentId: `pi_settle${run}${sequence}`, attempt: 1, amount: 2000, currency: 'usd', paymentMethod: 'pm_card_visa', captureMethod: 'manual', ...overrides };
  }

  async function transactions(paymentIntentId: string): Promise<Array<{ kind: string; outcome: string; amount: string; parent_id: string | null }>> {
    return dataSource.query(`SELECT "kind", "outcome", "amount", "parent_id" FROM "connectors"."gateway_transactions" WHERE "source_id" = $1 ORDER BY "created_at"`, [
      paymentIntentId,
    ]);
  }

  it('asks for 3D Secure, then authorises once the customer completes it, once', async () => {
    const params = authorization({ paymentMethod: 'pm_card_threeDSecure2Required', captureMethod: 'automatic' });
    const pending = await ok(Patterns.ConnectorAuthorize, { caller: merchant, params });
    expect(pending).toMatchObject({ outcome: 'requires_action', networkStatus: 'not_sent_to_network', card: { last4: '3220' } });

    const completion = { paymentIntentId: params.paymentIntentId, attempt: 1, gatewayReference: pending.gatewayReference, authenticated: true };
    const completed = await ok(Patterns.ConnectorCompleteAuthentication, { caller: merchant, params: completion });
    expect(completed).toMatchObject({ outcome: 'succeeded', networkStatus: 'approved_by_network', card: { brand: 'visa', last4: '3220' } });
    expect(await ok(Patterns.ConnectorCompleteAuthentication, { caller: merchant, params: completion })).toEqual(completed);
    expect(await transactions(params.paymentIntentId)).toEqual([
      { kind: 'authorization', outcome: 'requires_action', amount: '2000', parent_id: null },
      { kind: 'authorization', outcome: 'succeeded', amount: '2000', parent_id: expect.stringMatching(/^gtx_/) },
    ]);

    // The completed authorisation is what a refund finds.
    const refund = await ok(Patterns.ConnectorRefund, {
      caller: merchant,
      params: { refundId: `re_settle${run}`, connector: 'sandbox', gatewayReference: completed.gatewayReference, amount: 500, currency: 'usd' },
    });
    expect(refund.status).toBe('succeeded');
  });

  it('declines with payment_intent_authentication_failure when the customer fails 3D Secure', async () => {
    const params = authorization({ paymentMethod: 'pm_card_authenticationRequired' });
    const pending = await ok(Patterns.ConnectorAuthorize, { caller: merchant, params });
    const failed = await ok(Patterns.ConnectorCompleteAuthentication, {
      caller: merchant,
      params: { paymentIntentId: params.paymentIntentId, attempt: 1, gatewayReference: pending.gatewayReference, authenticated: false },
    });
    expect(failed).toMatchObject({ outcome: 'declined', failureCode: 'payment_intent_authentication_failure' });
  });

  it('refuses to complete authentication of another merchant\'s, or an already approved, authorisation', async () => {
    const params = authorization({ paymentMethod: 'pm_card_threeDSecure2Required' });
    const pending = await ok(Patterns.ConnectorAuthorize, { caller: merchant, params });
    const completion = { paymentIntentId: params.paymentIntentId, attempt: 1, gatewayReference: pending.gatewayReference, authenticated: true };
    expect((await refused(Patterns.ConnectorCompleteAuthentication, { caller: otherMerchant, params: completion })).code).toBe('resource_missing');
    const approved = await ok(Patterns.ConnectorAuthorize, { caller: merchant, params: authorization() });
    const wrong = { ...completion, gatewayReference: approved.gatewayReference };
    expect((await refused(Patterns.ConnectorCompleteAuthentication, { caller: merchant, params: wrong })).code).toBe('resource_missing');
  });

  it('captures part of a manual authorisation once; a retry replays it and a void is then refused', async () => {
    const params = authorization();
    const authorized = await ok(Patterns.ConnectorAuthorize, { caller: merchant, params });
    const capture = { paymentIntentId: params.paymentIntentId, connector: 'sandbox', gatewayReference: authorized.gatewayReference, amount: 1500, currency: 'usd' };
    const first = await ok(Patterns.ConnectorCapture, { caller: merchant, params: capture });
    expect(first.status).toBe('succeeded');
    expect(await ok(Patterns.ConnectorCapture, { caller: merchant, params: capture })).toEqual(first);
    expect((await refused(Patterns.ConnectorCapture, { caller: merchant, params: { ...capture, amount: 1000 } })).code).toBe('idempotency_error');
    const voidRequest = { paymentIntentId: params.paymentIntentId, connector: 'sandbox', gatewayReference: authorized.gatewayReference };
    expect((await refused(Patterns.ConnectorVoid, { caller: merchant, params: voidRequest })).message).toMatch(/already been captured/);
    expect((await transactions(params.paymentIntentId)).map(({ kind, amount }) => [kind, amount])).toEqual([
      ['authorization', '2000'],
      ['capture', '1500'],
    ]);
  });

  it('voids an authorisation once, and then refuses to capture it', async () => {
    const params = authorization();
    const authorized = await ok(Patterns.ConnectorAuthorize, { caller: merchant, params });
    const voidRequest = { paymentIntentId: params.paymentIntentId, connector: 'sandbox', gatewayReference: authorized.gatewayReference };
    const voided = await ok(Patterns.ConnectorVoid, { caller: merchant, params: voidRequest });
    expect(voided.status).toBe('succeeded');
    expect(await ok(Patterns.ConnectorVoid, { caller: merchant, params: voidRequest })).toEqual(voided);
    const capture = { ...voidRequest, amount: 2000, currency: 'usd' };
    expect((await refused(Patterns.ConnectorCapture, { caller: merchant, params: capture })).message).toMatch(/already been voided/);
  });

  it('refuses captures the authorisation does not allow', async () => {
    const manual = authorization();
    const authorized = await ok(Patterns.ConnectorAuthorize, { caller: merchant, params: manual });
    const capture = { paymentIntentId: manual.paymentIntentId, connector: 'sandbox', gatewayReference: authorized.gatewayReference, amount: 2001, currency: 'usd' };
    expect((await refused(Patterns.ConnectorCapture, { caller: merchant, params: capture })).code).toBe('amount_too_large');
    expect((await refused(Patterns.ConnectorCapture, { caller: otherMerchant, params: { ...capture, amount: 100 } })).code).toBe('resource_missing');

    const automatic = authorization({ captureMethod: 'automatic' });
    const captured = await ok(Patterns.ConnectorAuthorize, { caller: merchant, params: automatic });
    const again = { paymentIntentId: automatic.paymentIntentId, connector: 'sandbox', gatewayReference: captured.gatewayReference, amount: 100, currency: 'usd' };
    expect((await refused(Patterns.ConnectorCapture, { caller: merchant, params: again })).code).toBe('parameter_invalid');
  });
});
