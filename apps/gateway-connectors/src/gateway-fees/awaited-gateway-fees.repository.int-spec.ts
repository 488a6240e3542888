import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { INestMicroservice } from '@nestjs/common';
import { ServiceNames } from '@payrail/contracts';
import { newId } from '@payrail/domain';
import { InProcessBroker, startService } from '@payrail/messaging';
import { openTestDatabase, type TestDatabase } from '@payrail/testing';
import { DataSource } from 'typeorm';
import { GatewayConnectorsModule } from '../gateway-connectors.module.js';
import { GatewayTransactionEntity } from '../transactions/gateway-transaction.entity.js';
import { feeColumns, toRecordedEvent } from '../transactions/gateway-transaction.mapper.js';
import { AwaitedGatewayFeesRepository } from './awaited-gateway-fees.repository.js';
import { GatewayFeeBackfill } from './gateway-fee-backfill.js';

const run = randomBytes(4).toString('hex');

/**
 * The awaited fees on the real schema (migrations run): which rows a pass takes, and that a fee is
 * recorded once however many passes or replicas race for it. The backfill's own timer is set an hour
 * apart, so that only these tests take rows.
 */
describe('gateway-connectors: awaited gateway fees in the transaction log', () => {
  let postgres: TestDatabase | undefined;
  let broker: InProcessBroker;
  let app: INestMicroservice;
  let fees: AwaitedGatewayFeesRepository;

  beforeAll(async () => {
    postgres = await openTestDatabase();
    const env = {
      ...process.env,
      PAYRAIL_CARD_FINGERPRINT_KEY: 'fees-integration-fingerprint-key-0123456789',
      PAYRAIL_SECRETS_KEY: 'fees-integration-secrets-key-0123456789abcdef',
      PAYRAIL_GATEWAY_FEE_BACKFILL_INTERVAL_MS: '3600000',
    };
    broker = new InProcessBroker();
    app = await startService({ service: ServiceNames.GatewayConnectors, module: GatewayConnectorsModule.forRoot({ broker, databaseUrl: postgres.url, env }), broker });
    await app.get(GatewayFeeBackfill).idle();
    fees = app.get(AwaitedGatewayFeesRepository);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await broker?.close();
    await postgres?.stop();
  });

  async function transaction(fee: Parameters<typeof feeColumns>[0], createdAt: Date): Promise<string> {
    const id = newId('gtx');
    await app.get(DataSource).manager.insert(GatewayTransactionEntity, {
      id, merchantId: `mch_fees_${run}`, livemode: false, connector: 'stripe', gatewayAccountId: 'ga_fees', kind: 'authorization', idempotencyKey: `key_${id}`,
      sourceId: newId('pi'), parentId: null, amount: '2500', currency: 'usd', captureMethod: 'automatic', outcome: 'succeeded', failureCode: null, declineCode: null,
      failureMessage: null, networkStatus: 'approved_by_network', riskLevel: 'normal', sellerMessage: 'Payment complete.', cardBrand: 'visa', cardLast4: '4242',
      cardExpMonth: 12, cardExpYear: 2030, cardFunding: 'credit', cardCountry: 'US', cardFingerprint: 'fp', gatewayReference: 'pi_1', customerAction: null,
      ...feeColumns(fee, createdAt), createdAt,
    });
    return id;
  }

  const statusOf = async (id: string) => (await app.get(DataSource).manager.findOneByOrFail(GatewayTransactionEntity, { id }));

  it('takes only the awaited fees that are due, each once across concurrent passes, and leases them', async () => {
    const now = new Date();
    const minute = 60_000;
    const due = await transaction({ gatewayFeeAwaited: { reference: 'ch_due' } }, new Date(now.getTime() - 5 * minute));
    const notYet = await transaction({ gatewayFeeAwaited: { reference: 'ch_later' } }, new Date(now.getTime() + minute));
    await transaction({ gatewayFee: { amount: 103, currency: 'usd' } }, new Date(now.getTime() - 5 * minute));
    await transaction(undefined, new Date(now.getTime() - 5 * minute));

    const [first, second] = await Promise.all([fees.takeDue(now, 50), fees.takeDue(now, 50)]);
    const taken = [...first, ...second].filter((fee) => fee.caller.merchantId === `mch_fees_${run}`);
    expect(taken).toEqual([
      { transactionId: due, caller: { merchantId: `mch_fees_${run}`, livemode: false }, gateway: 'stripe', gatewayAccountId: 'ga_fees', reference: 'ch_due', checks: 1, awaitedSince: expect.any(Date) },
    ]);
    expect((await fees.takeDue(now, 50)).map((fee) => fee.transactionId)).not.toContain(due);
    expect((await statusOf(due)).gatewayFeeNextCheckAt!.getTime()).toBeGreaterThan(now.getTime());
    expect((await statusOf(notYet)).gatewayFeeChecks).toBe(0);
  });

  it('records a fee once however many passes race for it, and then neither gives up on it nor takes it again', async () => {
    const id = await transaction({ gatewayFeeAwaited: { reference: 'ch_race' } }, new Date(Date.now() - 60_000));
    const record = () => app.get(DataSource).transaction((manager) => fees.recordFee(manager, id, { amount: 103, currency: 'USD' }));
    const results = await Promise.all([record(), record(), record()]);
    expect(results.filter((result) => result !== null)).toHaveLength(1);
    expect(results.find((result) => result !== null)).toMatchObject({ id, gatewayFeeStatus: 'reported', gatewayFeeAmount: '103', gatewayFeeCurrency: 'usd', gatewayFeeNextCheckAt: null });
    expect(await fees.abandon(id)).toBe(false);
    expect((await fees.takeDue(new Date(Date.now() + 86_400_000), 500)).map((fee) => fee.transactionId)).not.toContain(id);
  });

  it("records a late fee with Stripe's conversion, the rate exact, and publishes it as recorded", async () => {
    const id = await transaction({ gatewayFeeAwaited: { reference: 'ch_abroad' } }, new Date(Date.now() - 60_000));
    const settlement = { amount: 1_234_567, currency: 'eur', exchangeRate: '1.234567' };
    const recorded = await app.get(DataSource).transaction((manager) => fees.recordFee(manager, id, { amount: 3_611, currency: 'eur', settlement }));
    expect(recorded).toMatchObject({ gatewayFeeAmount: '3611', gatewayFeeCurrency: 'eur', gatewaySettledAmount: '1234567', gatewayExchangeRate: '1.234567' });
    expect(toRecordedEvent(recorded!).gatewayFee).toEqual({ amount: 3_611, currency: 'eur', settlement });
  });

  it('refuses a settlement without its rate, or one beside no fee (the schema keeps them together)', async () => {
    const reported = await transaction({ gatewayFee: { amount: 297, currency: 'eur', settlement: { amount: 9_200, currency: 'eur', exchangeRate: '0.92' } } }, new Date());
    expect((await statusOf(reported)).gatewayExchangeRate).toBe('0.92');
    await expect(app.get(DataSource).query(`UPDATE connectors.gateway_transactions SET gateway_exchange_rate = NULL WHERE id = $1`, [reported])).rejects.toThrow(/CHK_gateway_transactions_settlement/);
    const awaited = await transaction({ gatewayFeeAwaited: { reference: 'ch_y' } }, new Date());
    await expect(
      app.get(DataSource).query(`UPDATE connectors.gateway_transactions SET gateway_settled_amount = 9200, gateway_exchange_rate = 0.92 WHERE id = $1`, [awaited]),
    ).rejects.toThrow(/CHK_gateway_transactions_settlement/);
  });

  it('abandons an awaited fee once; it is then neither recorded nor taken', async () => {
    const id = await transaction({ gatewayFeeAwaited: { reference: 'ch_never' } }, new Date(Date.now() - 60_000));
    expect(await Promise.all([fees.abandon(id), fees.abandon(id)])).toEqual(expect.arrayContaining([true, false]));
    expect(await app.get(DataSource).transaction((manager) => fees.recordFee(manager, id, { amount: 1, currency: 'usd' }))).toBeNull();
    expect(await statusOf(id)).toMatchObject({ gatewayFeeStatus: 'abandoned', gatewayFeeAmount: null, gatewayFeeNextCheckAt: null });
  });

  it('refuses an awaited fee with nothing to ask about (the schema keeps the states apart)', async () => {
    const id = await transaction({ gatewayFeeAwaited: { reference: 'ch_x' } }, new Date());
    await expect(app.get(DataSource).query(`UPDATE connectors.gateway_transactions SET gateway_fee_reference = NULL WHERE id = $1`, [id])).rejects.toThrow(/CHK_gateway_transactions_fee_status/);
    await expect(app.get(DataSource).query(`UPDATE connectors.gateway_transactions SET gateway_fee_status = 'reported' WHERE id = $1`, [id])).rejects.toThrow(/CHK_gateway_transactions_fee_status/);
  });
});
