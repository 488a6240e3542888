import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { INestMicroservice } from '@nestjs/common';
import { Patterns, ServiceNames, type Caller, type RefundPaymentParams } from '@payrail/contracts';
import { InProcessBroker, startService } from '@payrail/messaging';
import { busRequests, openTestDatabase, type TestDatabase } from '@payrail/testing';
import { DataSource } from 'typeorm';
import { GatewayConnectorsModule } from '../gateway-connectors.module.js';

const run = randomBytes(4).toString('hex');
const merchant: Caller = { merchantId: `acct_rsync_a_${run}`, livemode: false };
const otherMerchant: Caller = { merchantId: `acct_rsync_b_${run}`, livemode: false };
const env = { ...process.env, PAYRAIL_CARD_FINGERPRINT_KEY: 'refund-sync-integration-key-0123456789', PAYRAIL_SECRETS_KEY: 'integration-secrets-key-0123456789abcdef' };

/** connectors.refund.sync against the sandbox: a pending refund is asked about, a lost one is made once under its key. */
describe('gateway-connectors: refund sync', () => {
  let postgres: TestDatabase | undefined;
  let broker: InProcessBroker;
  let app: INestMicroservice;
  let dataSource: DataSource;
  let sequence = 0;

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

  const { send, ok } = busRequests(() => broker);

  async function paidWith(paymentMethod: string): Promise<string> {
    sequence += 1;
    const paid = await ok(Patterns.ConnectorAuthorize, {
      caller: merchant,
      params: { paymentIntentId: `pi_rsync${run}${sequence}`, attempt: 1, amount: 3000, currency: 'usd', paymentMethod, captureMethod: 'automatic' },
    });
    expect(paid.outcome).toBe('succeeded');
    return paid.gatewayReference;
  }

  const refundOf = (gatewayReference: string, amount = 1200): RefundPaymentParams => ({
    refundId: `re_rsync${run}${(sequence += 1)}`,
    connector: 'sandbox',
    gatewayReference,
    amount,
    currency: 'usd',
  });

  const refundRows = (refundId: string) =>
    dataSource.query(`SELECT "outcome", "gateway_reference" FROM "connectors"."gateway_transactions" WHERE "source_id" = $1 AND "kind" = 'refund'`, [refundId]) as Promise<
      Array<{ outcome: string; gateway_reference: string }>
    >;

  it("answers pending for a refund of Stripe's pending-refund card, then succeeded when synced, recorded once", async () => {
    const params = refundOf(await paidWith('pm_card_pendingRefund'));
    const first = await ok(Patterns.ConnectorRefund, { caller: merchant, params });
    expect(first).toMatchObject({ status: 'pending', gatewayReference: expect.stringMatching(/^gtx_/) });
    expect(await refundRows(params.refundId)).toEqual([{ outcome: 'pending', gateway_reference: expect.stringMatching(/^sbx_re_/) }]);

    const [synced, racing] = await Promise.all([ok(Patterns.ConnectorRefundSync, { caller: merchant, params }), ok(Patterns.ConnectorRefundSync, { caller: merchant, params })]);
    expect(synced).toEqual({ status: 'succeeded', gatewayReference: first.gatewayReference });
    expect(racing).toEqual(synced);
    expect(await refundRows(params.refundId)).toEqual([{ outcome: 'succeeded', gateway_reference: expect.stringMatching(/^sbx_re_/) }]);
    // A retried refund request now gets the settled answer, not the stale `pending`.
    expect(await ok(Patterns.ConnectorRefund, { caller: merchant, params })).toEqual(synced);
  });

  it('answers the same raw test number (4000000000007726) the same way', async () => {
    const params = refundOf(await paidWith('4000000000007726'));
    expect(await ok(Patterns.ConnectorRefund, { caller: merchant, params })).toMatchObject({ status: 'pending' });
    expect(await ok(Patterns.ConnectorRefundSync, { caller: merchant, params })).toMatchObject({ status: 'succeeded' });
  });

  it('makes a refund whose answer never came back once, under its key, when synced', async () => {
    const params = refundOf(await paidWith('pm_card_visa'));
    const synced = await ok(Patterns.ConnectorRefundSync, { caller: merchant, params });
    expect(synced).toMatchObject({ status: 'succeeded' });
    expect(await ok(Patterns.ConnectorRefund, { caller: merchant, params })).toEqual(synced);
    expect(await ok(Patterns.ConnectorRefundSync, { caller: merchant, params })).toEqual(synced);
    expect(await refundRows(params.refundId)).toHaveLength(1);
  });

  it("refuses to sync another merchant's refund, and changes nothing", async () => {
    const params = refundOf(await paidWith('pm_card_pendingRefund'));
    await ok(Patterns.ConnectorRefund, { caller: merchant, params });
    const reply = await send(Patterns.ConnectorRefundSync, { caller: otherMerchant, params });
    expect(reply.ok).toBe(false);
    expect(await refundRows(params.refundId)).toEqual([{ outcome: 'pending', gateway_reference: expect.stringMatching(/^sbx_re_/) }]);
  });
});
