import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Patterns, type Caller, type GatewayTransactionRecorded } from '@payrail/contracts';
import { newId } from '@payrail/domain';
import { busRequests } from '@payrail/testing';
import { DataSource } from 'typeorm';
import { checkLedger } from '../integrity/ledger-integrity.js';
import { capturedCharge as charge, envelope, startLedgerOnBus, type LedgerOnBus } from './testing/ledger-on-bus.js';

const run = randomBytes(4).toString('hex');
const merchant: Caller = { merchantId: `mch_cost_a_${run}`, livemode: false };
const neighbour: Caller = { merchantId: `mch_cost_b_${run}`, livemode: false };

function recorded(overrides: Partial<GatewayTransactionRecorded> = {}): GatewayTransactionRecorded {
  return { gatewayTransactionId: newId('gtx'), connector: 'razorpay', kind: 'capture', outcome: 'succeeded', amount: 10_000, currency: 'inr', gatewayFee: { amount: 236, currency: 'inr' }, ...overrides };
}

/**
 * What the gateways charge the platform, from the connectors' events: booked once against the gateway, seen
 * by the operator beside the fees the merchant paid, and never moving the merchant's balance.
 */
describe('ledger: gateway costs', () => {
  let ledger: LedgerOnBus;
  const { ok } = busRequests(() => ledger.broker);

  beforeAll(async () => {
    ledger = await startLedgerOnBus(process.env);
  }, 60_000);

  afterAll(async () => {
    await ledger?.stop();
  });

  const connectors = (...events: unknown[]) => ledger.connectors(...events);
  const payments = (...events: unknown[]) => ledger.payments(...events);
  const range = () => ({ gte: Math.floor(Date.now() / 1000) - 3_600, lt: Math.floor(Date.now() / 1000) + 60 });

  it("books each gateway's fee once against that gateway, and shows the operator fees against costs", async () => {
    const paid = charge('inr');
    await payments(envelope('charge.succeeded', merchant, paid, paid.id));
    const razorpay = recorded();
    const event = envelope('gateway.transaction.recorded', merchant, razorpay, razorpay.gatewayTransactionId);
    await connectors(event, event, { ...event, id: newId('evt') });
    await connectors(envelope('gateway.transaction.recorded', merchant, recorded({ connector: 'stripe', currency: 'usd', gatewayFee: { amount: 59, currency: 'usd' } }), 'gtx_s'));

    const costs = await ok(Patterns.PricingCosts, { caller: merchant, params: range() });
    expect(costs).toMatchObject({ object: 'pricing_costs', livemode: false });
    expect(costs.currencies).toEqual([
      { currency: 'inr', fees: 320, gateway_costs: [{ gateway: 'razorpay', count: 1, amount: 236 }], margin: 84 },
      { currency: 'usd', fees: 0, gateway_costs: [{ gateway: 'stripe', count: 1, amount: 59 }], margin: -59 },
    ]);
    expect((await ok(Patterns.PricingCosts, { caller: merchant, params: { ...range(), currency: 'usd' } })).currencies.map((entry) => entry.currency)).toEqual(['usd']);
    expect((await checkLedger(ledger.app.get(DataSource))).problems).toEqual([]);
  });

  it("leaves the merchant's balance and its summary's fees as they were", async () => {
    // One range for both reads: the summary echoes it, and two calls of range() may straddle a second.
    const window = range();
    const before = await ok(Patterns.ReportingSummary, { caller: merchant, params: window });
    await connectors(envelope('gateway.transaction.recorded', merchant, recorded({ gatewayFee: { amount: 100, currency: 'inr' } }), 'gtx_x'));
    const after = await ok(Patterns.ReportingSummary, { caller: merchant, params: window });
    expect(after).toEqual(before);
    expect((await ok(Patterns.PricingCosts, { caller: merchant, params: range() })).currencies[0]).toMatchObject({ currency: 'inr', gateway_costs: [{ gateway: 'razorpay', count: 2, amount: 336 }], margin: -16 });
  });

  it("converts a USD charge's EUR fee at Stripe's rate: every currency sums to zero, clearing ends where Stripe's money is, costs in USD, once", async () => {
    const abroad: Caller = { merchantId: `mch_cost_fx_${run}`, livemode: false };
    const paid = charge('usd');
    await payments(envelope('charge.succeeded', abroad, paid, paid.id));
    // A USD 100.00 charge on an account settling in EUR: Stripe settled EUR 92.00 at 0.92 and kept EUR 2.97.
    const stripe = recorded({ connector: 'stripe', currency: 'usd', amount: 10_000, gatewayFee: { amount: 297, currency: 'eur', settlement: { amount: 9_200, currency: 'eur', exchangeRate: '0.92' } } });
    const event = envelope('gateway.transaction.recorded', abroad, stripe, stripe.gatewayTransactionId);
    await connectors(event, event, { ...event, id: newId('evt') });
    const window = range();
    const summaryBefore = await ok(Patterns.ReportingSummary, { caller: abroad, params: window });
    await connectors({ ...event, id: newId('evt') });

    // EUR 2.97 at 0.92 is USD 3.2283…, 323 cents half-up, against the merchant's USD fee (2.9% + 30 of 100.00).
    expect((await ok(Patterns.PricingCosts, { caller: abroad, params: range() })).currencies).toEqual([
      { currency: 'usd', fees: 320, gateway_costs: [{ gateway: 'stripe', count: 1, amount: 323 }], margin: -3 },
    ]);
    const db = ledger.app.get(DataSource);
    const balances = (await db.query(
      `SELECT "code", "currency", "balance"::int AS "balance" FROM "ledger"."ledger_accounts" WHERE "merchant_id" = $1 AND "livemode" = false ORDER BY 1, 2`,
      [abroad.merchantId],
    )) as Array<{ code: string; currency: string; balance: number }>;
    expect(balances).toEqual([
      { code: 'fx_conversion', currency: 'eur', balance: 9_200 - 297 },
      { code: 'fx_conversion', currency: 'usd', balance: -10_000 + 323 },
      // What Stripe will pay out: the EUR net; nothing left owed in USD.
      { code: 'gateway_clearing', currency: 'eur', balance: -8_903 },
      { code: 'gateway_clearing', currency: 'usd', balance: 0 },
      { code: 'gateway_costs:stripe', currency: 'usd', balance: -323 },
      { code: 'merchant_pending', currency: 'usd', balance: 10_000 - 320 },
      { code: 'processing_fees', currency: 'usd', balance: 320 },
    ]);
    expect(balances.reduce((sums, row) => ({ ...sums, [row.currency]: (sums[row.currency] ?? 0) + row.balance }), {} as Partial<Record<string, number>>)).toEqual({ eur: 0, usd: 0 });
    const entries = (await db.query(`SELECT "kind", count(*)::int AS "count" FROM "ledger"."journal_entries" WHERE "merchant_id" = $1 GROUP BY 1 ORDER BY 1`, [abroad.merchantId])) as unknown[];
    expect(entries).toEqual([
      { kind: 'charge', count: 1 },
      { kind: 'gateway_cost', count: 1 },
      { kind: 'gateway_fx', count: 1 },
    ]);
    // The merchant sees none of it: its summary (balance, fees, balance transactions) is the charge's alone.
    expect(await ok(Patterns.ReportingSummary, { caller: abroad, params: window })).toEqual(summaryBefore);
    expect((await checkLedger(db)).problems).toEqual([]);
  });

  it("books a fee in another currency as charged when the event does not say how Stripe converted (events recorded before it was kept)", async () => {
    // Stripe kept its fee for a USD charge in EUR, the account's settlement currency; the event has no settlement.
    const abroad: Caller = { merchantId: `mch_cost_c_${run}`, livemode: false };
    const stripe = recorded({ connector: 'stripe', currency: 'usd', amount: 2_000, gatewayFee: { amount: 95, currency: 'eur' } });
    await connectors(envelope('gateway.transaction.recorded', abroad, stripe, stripe.gatewayTransactionId));
    expect((await ok(Patterns.PricingCosts, { caller: abroad, params: range() })).currencies).toEqual([
      { currency: 'eur', fees: 0, gateway_costs: [{ gateway: 'stripe', count: 1, amount: 95 }], margin: -95 },
    ]);
    expect((await checkLedger(ledger.app.get(DataSource))).problems).toEqual([]);
  });

  it('books nothing for a decline, a void, a transaction without a fee, or another merchant', async () => {
    await connectors(
      envelope('gateway.transaction.recorded', neighbour, recorded({ outcome: 'declined' }), 'gtx_d'),
      envelope('gateway.transaction.recorded', neighbour, recorded({ kind: 'void' }), 'gtx_v'),
      envelope('gateway.transaction.recorded', neighbour, recorded({ gatewayFee: null }), 'gtx_n'),
      envelope('gateway.transaction.recorded', neighbour, recorded({ gatewayFee: undefined }), 'gtx_u'),
    );
    expect((await ok(Patterns.PricingCosts, { caller: neighbour, params: range() })).currencies).toEqual([]);
  });
});
