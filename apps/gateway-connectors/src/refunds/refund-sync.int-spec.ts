import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { INestMicroservice } from '@nestjs/common';
import { Patterns, ServiceNames, type Caller, type GatewayFee, type RefundPaymentParams } from '@payrail/contracts';
import { InProcessBroker, startService } from '@payrail/messaging';
import { busRequests, openTestDatabase, type TestDatabase } from '@payrail/testing';
import { DataSource } from 'typeorm';
import { GatewayConnectorsModule } from '../gateway-connectors.module.js';
import { FollowUpTransactionsService, type FollowUp } from '../transactions/follow-up-transactions.service.js';
import { GatewayTransactionsRepository } from '../transactions/gateway-transactions.repository.js';

const run = randomBytes(4).toString('hex');
const merchant: Caller = { merchantId: `acct_rsync_a_${run}`, livemode: false };
const otherMerchant: Caller = { merchantId: `acct_rsync_b_${run}`, livemode: false };
const env = { ...process.env, PAYRAIL_CARD_FINGERPRINT_KEY: 'refund-sync-integration-key-0123456789', PAYRAIL_SECRETS_KEY: 'integration-secrets-key-0123456789abcdef' };

/** Stripe's record of paying a USD 12.00 refund out of an account settling in EUR: EUR 10.92 at 0.91, no fee. */
const paidOutInEur: GatewayFee = { amount: 0, currency: 'eur', settlement: { amount: 1_092, currency: 'eur', exchangeRate: '0.91' } };

type RecordedObject = { kind: string; outcome: string; amount: number; currency: string; gatewayFee: GatewayFee | null };

/**
 * connectors.refund.sync against the sandbox: a pending refund is asked about, a lost one is made once under its key;
 * and what a converted refund's payout becomes on the transaction log and the outbox.
 */
describe('gateway-connectors: refund sync, and the payout of a converted refund', () => {
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

  /**
   * A refund the gateway converted, as the connectors record it (what a connector answered, on the real
   * transaction log and outbox): how it was paid out is kept beside the refund and published with it, and a
   * refund answered `pending` publishes it again once it succeeded, so that the ledger can follow it.
   */
  describe('the payout of a converted refund', () => {
    /** A refund of a fresh authorisation, recorded as if its connector had answered `result`. */
    async function refunded(result: FollowUp['result']) {
      sequence += 1;
      const paid = await ok(Patterns.ConnectorAuthorize, {
        caller: merchant,
        params: { paymentIntentId: `pi_fxre${run}${sequence}`, attempt: 1, amount: 3000, currency: 'usd', paymentMethod: 'pm_card_visa', captureMethod: 'automatic' },
      });
      const authorization = (await app.get(GatewayTransactionsRepository).findAuthorization(merchant, paid.gatewayReference))!;
      const refundId = `re_fxre${run}${sequence}`;
      const refund = await app.get(FollowUpTransactionsService).record(merchant, { kind: 'refund', authorization, idempotencyKey: `refund:${refundId}`, sourceId: refundId, money: { amount: 1_200, currency: 'usd' }, result });
      return { authorization, refund };
    }

    const recordedEvents = async (aggregate: string) =>
      ((await dataSource.query(`SELECT "payload" FROM "connectors"."outbox" WHERE "message_key" = $1 ORDER BY "id"`, [aggregate])) as Array<{ payload: { data: { object: RecordedObject } } }>)
        .map((row) => row.payload.data.object)
        .filter((object) => object.kind === 'refund');
    const feeColumns = async (id: string) =>
      ((await dataSource.query(
        `SELECT "gateway_fee_status", "gateway_fee_amount", "gateway_fee_currency", "gateway_settled_amount", "gateway_exchange_rate"::text AS "gateway_exchange_rate" FROM "connectors"."gateway_transactions" WHERE "id" = $1`,
        [id],
      )) as unknown[])[0];

    it('keeps how a converted refund was paid out beside it and publishes it with the refund, the rate exact', async () => {
      const { authorization, refund } = await refunded({ status: 'succeeded', externalReference: 're_stripe_1', gatewayFee: paidOutInEur });
      expect(await feeColumns(refund.id)).toEqual({ gateway_fee_status: 'reported', gateway_fee_amount: '0', gateway_fee_currency: 'eur', gateway_settled_amount: '1092', gateway_exchange_rate: '0.91' });
      expect(await recordedEvents(authorization.id)).toEqual([{ gatewayTransactionId: refund.id, connector: 'sandbox', kind: 'refund', outcome: 'succeeded', amount: 1_200, currency: 'usd', gatewayFee: paidOutInEur }]);
    });

    it('publishes a pending refund again, with its payout, once it succeeded; a second sync publishes nothing', async () => {
      const { authorization, refund } = await refunded({ status: 'pending', externalReference: 're_stripe_2', gatewayFee: paidOutInEur });
      const followUps = app.get(FollowUpTransactionsService);
      const [settled, racing] = await Promise.all([
        followUps.settlePendingRefund(merchant, refund, { status: 'succeeded', externalReference: 're_stripe_2', gatewayFee: paidOutInEur }),
        followUps.settlePendingRefund(merchant, refund, { status: 'succeeded', externalReference: 're_stripe_2', gatewayFee: paidOutInEur }),
      ]);
      expect([settled, racing].sort()).toEqual([false, true]);
      expect((await recordedEvents(authorization.id)).map((event) => [event.outcome, event.gatewayFee])).toEqual([
        ['pending', paidOutInEur],
        ['succeeded', paidOutInEur],
      ]);
    });

    it('learns the payout when only the settled answer tells it, and publishes a failed end without one', async () => {
      const learnt = await refunded({ status: 'pending', externalReference: 're_stripe_3' });
      await app.get(FollowUpTransactionsService).settlePendingRefund(merchant, learnt.refund, { status: 'succeeded', externalReference: 're_stripe_3', gatewayFee: paidOutInEur });
      expect((await recordedEvents(learnt.authorization.id)).map((event) => [event.outcome, event.gatewayFee])).toEqual([
        ['pending', null],
        ['succeeded', paidOutInEur],
      ]);
      const failed = await refunded({ status: 'pending', externalReference: 're_stripe_4' });
      await app.get(FollowUpTransactionsService).settlePendingRefund(merchant, failed.refund, { status: 'failed', failureReason: 'expired_or_canceled_card', externalReference: 're_stripe_4', gatewayFee: paidOutInEur });
      expect((await recordedEvents(failed.authorization.id)).map((event) => [event.outcome, event.gatewayFee])).toEqual([
        ['pending', null],
        ['failed', null],
      ]);
    });

    it('keeps nothing for a refund in the settlement currency or a failed one, as before', async () => {
      const same = await refunded({ status: 'succeeded', externalReference: 're_stripe_5', gatewayFee: { amount: 0, currency: 'usd' } });
      const failed = await refunded({ status: 'failed', failureReason: 'declined', externalReference: 're_stripe_6', gatewayFee: paidOutInEur });
      for (const { refund } of [same, failed]) {
        expect(await feeColumns(refund.id)).toEqual({ gateway_fee_status: 'not_reported', gateway_fee_amount: null, gateway_fee_currency: null, gateway_settled_amount: null, gateway_exchange_rate: null });
      }
    });
  });
});
