import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { INestMicroservice } from '@nestjs/common';
import { Patterns, ServiceNames, type AuthorizePaymentParams, type Caller } from '@payrail/contracts';
import { InProcessBroker, startService } from '@payrail/messaging';
import { busRequests, openTestDatabase, type TestDatabase } from '@payrail/testing';
import { DataSource } from 'typeorm';
import { GatewayConnectorsModule } from './gateway-connectors.module.js';

// Unique per run, so that the spec also passes against a long-lived DATABASE_URL.
const run = randomBytes(4).toString('hex');
const merchant: Caller = { merchantId: `acct_conn_a_${run}`, livemode: false };
const otherMerchant: Caller = { merchantId: `acct_conn_b_${run}`, livemode: false };
const env = { ...process.env, PAYRAIL_CARD_FINGERPRINT_KEY: 'connectors-integration-key-0123456789', PAYRAIL_SECRETS_KEY: 'integration-secrets-key-0123456789abcdef' };

describe('gateway-connectors (embedded Postgres, in-process transport)', () => {
  let postgres: TestDatabase | undefined;
  let broker: InProcessBroker;
  let app: INestMicroservice;
  let dataSource: DataSource;
  let sequence = 0;

  beforeAll(async () => {
    postgres = await openTestDatabase();
    const databaseUrl = postgres.url;
    broker = new InProcessBroker();
    app = await startService({
      service: ServiceNames.GatewayConnectors,
      module: GatewayConnectorsModule.forRoot({ broker, databaseUrl, env }),
      broker,
    });
    dataSource = app.get(DataSource);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await broker?.close();
    await postgres?.stop();
  });

  const { send, ok } = busRequests(() => broker);

  function authorization(overrides: Partial<AuthorizePaymentParams> = {}): AuthorizePaymentParams {
    sequence += 1;
    return { paymentIntentId: `pi_conn${run}${sequence}`, attempt: 1, amount: 2000, currency: 'usd', paymentMethod: 'pm_card_visa', captureMethod: 'automatic', ...overrides };
  }

  async function rows(sql: string, parameters: unknown[] = []): Promise<Array<Record<string, unknown>>> {
    return dataSource.query(sql, parameters);
  }

  it('answers its ping', async () => {
    expect(await ok(Patterns.ConnectorsPing, {})).toEqual({ service: 'gateway-connectors', ready: true });
  });

  it('refuses to boot without a long enough fingerprint key', () => {
    expect(() => GatewayConnectorsModule.forRoot({ broker, databaseUrl: 'postgres://unused', env: { PAYRAIL_CARD_FINGERPRINT_KEY: 'short' } })).toThrow(
      /PAYRAIL_CARD_FINGERPRINT_KEY/,
    );
  });

  it('authorises once per (payment intent, attempt): a repeat gets the stored answer', async () => {
    const params = authorization();
    const first = await ok(Patterns.ConnectorAuthorize, { caller: merchant, params });
    expect(first).toMatchObject({ outcome: 'succeeded', connector: 'sandbox', gatewayReference: expect.stringMatching(/^gtx_/) });
    const again = await ok(Patterns.ConnectorAuthorize, { caller: merchant, params });
    expect(again).toEqual(first);
    const stored = await rows(`SELECT * FROM "connectors"."gateway_transactions" WHERE "source_id" = $1`, [params.paymentIntentId]);
    expect(stored).toHaveLength(1);

    const nextAttempt = await ok(Patterns.ConnectorAuthorize, { caller: merchant, params: { ...params, attempt: 2 } });
    expect(nextAttempt.gatewayReference).not.toBe(first.gatewayReference);
  });

  it('records concurrent duplicates once', async () => {
    const params = authorization({ paymentMethod: '5555555555554444' });
    const replies = await Promise.all([1, 2, 3].map(() => ok(Patterns.ConnectorAuthorize, { caller: merchant, params })));
    expect(new Set(replies.map((reply) => reply.gatewayReference)).size).toBe(1);
    expect(await rows(`SELECT "id" FROM "connectors"."gateway_transactions" WHERE "source_id" = $1`, [params.paymentIntentId])).toHaveLength(1);
  });

  it('refuses a replay from another merchant or with other parameters', async () => {
    const params = authorization();
    await ok(Patterns.ConnectorAuthorize, { caller: merchant, params });
    for (const [caller, changed] of [[otherMerchant, params], [merchant, { ...params, amount: 999 }]] as const) {
      const reply = await send(Patterns.ConnectorAuthorize, { caller, params: changed });
      expect(reply.ok).toBe(false);
    }
  });

  it('records declines with their codes, and never a card number', async () => {
    const params = authorization({ paymentMethod: '4000000000009995' });
    const result = await ok(Patterns.ConnectorAuthorize, { caller: merchant, params });
    expect(result).toMatchObject({ outcome: 'declined', failureCode: 'card_declined', declineCode: 'insufficient_funds', networkStatus: 'declined_by_network' });
    const [stored] = await rows(`SELECT * FROM "connectors"."gateway_transactions" WHERE "source_id" = $1`, [params.paymentIntentId]);
    expect(stored).toMatchObject({ outcome: 'declined', card_brand: 'visa', card_last4: '9995', decline_code: 'insufficient_funds' });
    expect(JSON.stringify(stored)).not.toContain('4000000000009995');
    const outbox = await rows(`SELECT "payload"::text AS "payload" FROM "connectors"."outbox"`);
    expect(outbox.map((row) => row.payload).join('\n')).not.toMatch(/\d{12,}/);
  });

  it('refuses an unknown token without recording anything', async () => {
    const params = authorization({ paymentMethod: 'pm_x' });
    const reply = await send(Patterns.ConnectorAuthorize, { caller: merchant, params });
    expect(reply).toMatchObject({ ok: false, error: { code: 'resource_missing', message: "No such PaymentMethod: 'pm_x'", param: 'payment_method' } });
    expect(await rows(`SELECT "id" FROM "connectors"."gateway_transactions" WHERE "source_id" = $1`, [params.paymentIntentId])).toHaveLength(0);
  });

  it('publishes gateway.transaction.recorded through the outbox for each recorded transaction', async () => {
    const params = authorization();
    const { gatewayReference } = await ok(Patterns.ConnectorAuthorize, { caller: merchant, params });
    const refund = await ok(Patterns.ConnectorRefund, {
      caller: merchant,
      params: { refundId: `re_conn${run}${sequence}`, connector: 'sandbox', gatewayReference, amount: 500, currency: 'usd' },
    });
    const events = await rows(
      `SELECT "topic", "message_key", "payload" FROM "connectors"."outbox" WHERE "message_key" = $1 ORDER BY "id"`,
      [gatewayReference],
    );
    expect(events.map((event) => event.topic)).toEqual(['connectors.events.v1', 'connectors.events.v1']);
    // The sandbox is Payrail itself: no gateway charged anything, so no fee is reported.
    expect(events.map((event) => (event.payload as { data: { object: unknown } }).data.object)).toEqual([
      { gatewayTransactionId: gatewayReference, connector: 'sandbox', kind: 'authorization', outcome: 'succeeded', amount: 2000, currency: 'usd', gatewayFee: null },
      { gatewayTransactionId: refund.gatewayReference, connector: 'sandbox', kind: 'refund', outcome: 'succeeded', amount: 500, currency: 'usd', gatewayFee: null },
    ]);
    expect(events[0].payload).toMatchObject({ type: 'gateway.transaction.recorded', merchantId: merchant.merchantId, livemode: false });
  });

  describe('refunds', () => {
    let gatewayReference: string;

    beforeAll(async () => {
      ({ gatewayReference } = await ok(Patterns.ConnectorAuthorize, { caller: merchant, params: authorization({ amount: 1000 }) }));
    });

    const refund = (refundId: string, amount: number, reference?: string) => ({
      refundId,
      connector: 'sandbox',
      gatewayReference: reference ?? gatewayReference,
      amount,
      currency: 'usd',
    });

    it('succeed, once per refund id', async () => {
      const first = await ok(Patterns.ConnectorRefund, { caller: merchant, params: refund(`re_once_${run}`, 300) });
      expect(first).toEqual({ status: 'succeeded', gatewayReference: expect.stringMatching(/^gtx_/) });
      expect(await ok(Patterns.ConnectorRefund, { caller: merchant, params: refund(`re_once_${run}`, 300) })).toEqual(first);
      expect(await rows(`SELECT "id" FROM "connectors"."gateway_transactions" WHERE "source_id" = $1`, [`re_once_${run}`])).toHaveLength(1);
    });

    it('refuse an unknown reference, or another merchant\'s, as missing', async () => {
      for (const [caller, params] of [
        [merchant, refund(`re_unknown_${run}`, 100, 'gtx_doesnotexist')],
        [otherMerchant, refund(`re_cross_${run}`, 100)],
      ] as const) {
        const reply = await send(Patterns.ConnectorRefund, { caller, params });
        expect(reply).toMatchObject({ ok: false, error: { code: 'resource_missing', param: 'gateway_reference' } });
      }
    });

    it('refuse a declined authorisation as missing', async () => {
      const declined = await ok(Patterns.ConnectorAuthorize, { caller: merchant, params: authorization({ paymentMethod: 'pm_card_chargeDeclined' }) });
      const reply = await send(Patterns.ConnectorRefund, { caller: merchant, params: refund(`re_declined_${run}`, 100, declined.gatewayReference) });
      expect(reply).toMatchObject({ ok: false, error: { code: 'resource_missing' } });
    });

    it('refuse more than is left of the authorisation as a backstop (1000 authorised, 300 refunded above)', async () => {
      const reply = await send(Patterns.ConnectorRefund, { caller: merchant, params: refund(`re_too_much_${run}`, 701) });
      expect(reply).toMatchObject({ ok: false, error: { code: 'amount_too_large', param: 'amount' } });
    });
  });
});
