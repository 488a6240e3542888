import type { GatewayFee, GatewayTransactionRecorded } from '@payrail/contracts';
import { PayrailMetrics, type TransactionalOutbox } from '@payrail/messaging';
import { seriesValue } from '@payrail/testing';
import type { ConnectorRegistry } from '../routing/connector-registry.js';
import type { ConnectorFeeLookUpRequest } from '../routing/payment-connector.js';
import { GatewayTransactionEntity, type GatewayFeeStatus } from '../transactions/gateway-transaction.entity.js';
import type { AwaitedGatewayFee, AwaitedGatewayFeesRepository } from './awaited-gateway-fees.repository.js';
import { GatewayFeeBackfill } from './gateway-fee-backfill.js';

const MINUTE = 60_000;
const options = { intervalMs: MINUTE, giveUpAfterMs: 72 * 60 * MINUTE };
const capturedAt = new Date('2026-12-01T00:00:00Z');
const at = (ms: number) => new Date(capturedAt.getTime() + ms);

interface Row {
  transaction: GatewayTransactionEntity;
  status: GatewayFeeStatus;
  checks: number;
  nextCheckAt: Date | null;
}

/** Stripe's fee on the USD 25.00 charge of an account settling in EUR: the settled gross and the rate go with it. */
const settledInEur = { amount: 88, currency: 'eur', settlement: { amount: 2_300, currency: 'eur', exchangeRate: '0.92' } };

/** The awaited fees as the table holds them, with the repository's conditional updates. */
class AwaitedFees {
  readonly rows = new Map<string, Row>();

  add(id: string, kind: 'authorization' | 'capture'): void {
    const transaction = Object.assign(new GatewayTransactionEntity(), {
      id, merchantId: 'mch_1', livemode: false, connector: 'stripe', gatewayAccountId: 'ga_1', kind, parentId: kind === 'capture' ? 'gtx_auth' : null,
      amount: '2500', currency: 'usd', outcome: 'succeeded', gatewayFeeAmount: null, gatewayFeeCurrency: null, gatewaySettledAmount: null, gatewayExchangeRate: null, createdAt: capturedAt,
    });
    this.rows.set(id, { transaction, status: 'awaited', checks: 0, nextCheckAt: capturedAt });
  }

  readonly repository = {
    takeDue: async (now: Date, limit: number): Promise<AwaitedGatewayFee[]> =>
      [...this.rows.values()]
        .filter((row) => row.status === 'awaited' && row.nextCheckAt! <= now)
        .slice(0, limit)
        .map((row) => {
          row.checks += 1;
          row.nextCheckAt = new Date(now.getTime() + 5 * MINUTE);
          const { transaction } = row;
          return { transactionId: transaction.id, caller: { merchantId: 'mch_1', livemode: false }, gateway: 'stripe', gatewayAccountId: 'ga_1', reference: `ch_${transaction.id}`, checks: row.checks, awaitedSince: capturedAt };
        }),
    recordFee: async (_manager: unknown, id: string, fee: GatewayFee) => {
      const row = this.rows.get(id)!;
      if (row.status !== 'awaited') return null;
      Object.assign(row, { status: 'reported', nextCheckAt: null });
      return Object.assign(row.transaction, {
        gatewayFeeAmount: String(fee.amount),
        gatewayFeeCurrency: fee.currency,
        gatewaySettledAmount: fee.settlement ? String(fee.settlement.amount) : null,
        gatewayExchangeRate: fee.settlement?.exchangeRate ?? null,
      });
    },
    askAgainAt: async (id: string, when: Date) => {
      const row = this.rows.get(id)!;
      if (row.status === 'awaited') row.nextCheckAt = when;
    },
    abandon: async (id: string) => {
      const row = this.rows.get(id)!;
      if (row.status !== 'awaited') return false;
      Object.assign(row, { status: 'abandoned', nextCheckAt: null });
      return true;
    },
  };
}

function backfillWith(answers: Array<GatewayFee | undefined | Error>) {
  const fees = new AwaitedFees();
  const asked: ConnectorFeeLookUpRequest[] = [];
  const published: Array<{ key: string; type: string; data: GatewayTransactionRecorded }> = [];
  const connector = {
    lookUpFee: async (request: ConnectorFeeLookUpRequest) => {
      asked.push(request);
      const answer = answers.shift();
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  const registry = { factories: () => [{ gateway: 'stripe' }], connectorFor: async () => connector };
  const outbox = {
    run: <R>(work: (unit: { manager: unknown; publish: (topic: string, event: { aggregateId: string; type: string; data: { object: GatewayTransactionRecorded } }) => Promise<void> }) => Promise<R>) =>
      work({ manager: {}, publish: async (_topic, event) => void published.push({ key: event.aggregateId, type: event.type, data: event.data.object }) }),
  };
  const metrics = new PayrailMetrics();
  const backfill = new GatewayFeeBackfill(
    fees.repository as unknown as AwaitedGatewayFeesRepository,
    registry as unknown as ConnectorRegistry,
    outbox as unknown as TransactionalOutbox,
    { feeBackfill: options },
    metrics.forService('gateway-connectors'),
  );
  const checks = (outcome: string) => seriesValue(metrics, 'payrail_gateway_fee_checks_total', { gateway: 'stripe', outcome });
  return { fees, asked, published, backfill, checks };
}

describe('the gateway fee backfill', () => {
  it("records a fee Stripe has since accounted once, with the capture's event keyed as the capture's was", async () => {
    const { fees, asked, published, backfill, checks } = backfillWith([{ amount: 103, currency: 'usd' }]);
    fees.add('gtx_capture', 'capture');
    expect(await checks('booked')).toBe(0);

    expect(await backfill.runOnce(at(MINUTE))).toBe(1);
    expect(asked).toEqual([{ livemode: false, reference: 'ch_gtx_capture' }]);
    expect(published).toEqual([
      { key: 'gtx_auth', type: 'gateway.transaction.recorded', data: expect.objectContaining({ gatewayTransactionId: 'gtx_capture', kind: 'capture', outcome: 'succeeded', gatewayFee: { amount: 103, currency: 'usd' } }) },
    ]);
    expect(fees.rows.get('gtx_capture')!.status).toBe('reported');

    // Later passes have nothing to ask and book nothing more.
    expect(await backfill.runOnce(at(2 * 3_600_000))).toBe(0);
    expect(asked).toHaveLength(1);
    expect(published).toHaveLength(1);
    expect(await checks('booked')).toBe(1);
  });

  it('asks again on a doubling backoff while Stripe has no fee yet or cannot be reached, booking nothing meanwhile', async () => {
    const { fees, asked, published, backfill, checks } = backfillWith([undefined, new Error('Stripe timed out'), settledInEur]);
    fees.add('gtx_auth', 'authorization');

    expect(await backfill.runOnce(at(0))).toBe(0);
    expect(fees.rows.get('gtx_auth')!.nextCheckAt).toEqual(at(MINUTE));
    expect(await backfill.runOnce(at(MINUTE - 1))).toBe(0);
    expect(asked).toHaveLength(1);

    expect(await backfill.runOnce(at(MINUTE))).toBe(0);
    expect(fees.rows.get('gtx_auth')!.nextCheckAt).toEqual(at(3 * MINUTE));
    expect(published).toEqual([]);

    expect(await backfill.runOnce(at(3 * MINUTE))).toBe(1);
    expect(published.map((event) => [event.key, event.data.gatewayFee])).toEqual([['gtx_auth', settledInEur]]);
    expect([await checks('not_yet'), await checks('error'), await checks('booked'), await checks('gave_up')]).toEqual([1, 1, 1, 0]);
  });

  it('gives up on a fee still missing at the give-up age, counting it, and never asks again', async () => {
    const { fees, asked, published, backfill, checks } = backfillWith([undefined, undefined]);
    fees.add('gtx_never', 'authorization');
    fees.rows.get('gtx_never')!.nextCheckAt = at(options.giveUpAfterMs - MINUTE);

    await backfill.runOnce(at(options.giveUpAfterMs - MINUTE));
    expect(fees.rows.get('gtx_never')!.nextCheckAt).toEqual(at(options.giveUpAfterMs));
    await backfill.runOnce(at(options.giveUpAfterMs));
    expect(fees.rows.get('gtx_never')!.status).toBe('abandoned');
    expect(await checks('gave_up')).toBe(1);

    await backfill.runOnce(at(options.giveUpAfterMs + 3_600_000));
    expect(asked).toHaveLength(2);
    expect(published).toEqual([]);
  });
});
