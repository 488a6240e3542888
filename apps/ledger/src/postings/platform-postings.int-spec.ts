import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { INestMicroservice } from '@nestjs/common';
import { Patterns, ServiceNames, Topics, type Caller, type ChargeResource, type DisputeResource, type PaymentsEvent, type RefundResource, type RefundsEvent } from '@payrail/contracts';
import { newId } from '@payrail/domain';
import { InProcessBroker, startService } from '@payrail/messaging';
import { busRequests, openTestDatabase, type TestDatabase } from '@payrail/testing';
import { DataSource } from 'typeorm';
import { checkLedger } from '../integrity/ledger-integrity.js';
import { LedgerModule } from '../ledger.module.js';
import { SettlementSweeper } from '../settlement/settlement-sweeper.js';

const run = randomBytes(4).toString('hex');
const merchant: Caller = { merchantId: `mch_post_a_${run}`, livemode: false };
const priced: Caller = { merchantId: `mch_post_b_${run}`, livemode: false };

function envelope<T extends string, O>(type: T, owner: Caller, object: O & { id: string }) {
  return { id: newId('evt'), type, aggregateId: object.id, merchantId: owner.merchantId, livemode: owner.livemode, occurredAt: Math.floor(Date.now() / 1000), requestId: null, idempotencyKey: null, data: { object } };
}

function charge(overrides: Partial<ChargeResource> = {}): ChargeResource {
  return {
    id: newId('ch'), object: 'charge', amount: 10_000, amount_captured: 10_000, amount_refunded: 0, captured: true, paid: true, refunded: false, disputed: false,
    currency: 'usd', status: 'succeeded', payment_intent: newId('pi'), payment_method: 'pm_card_visa', created: 0, livemode: false, metadata: {},
    failure_code: null, failure_message: null, outcome: { network_status: 'approved_by_network', reason: null, risk_level: 'normal', seller_message: '', type: 'authorized' },
    payment_method_details: null, customer: null, description: null, receipt_email: null, receipt_number: null, receipt_url: null, statement_descriptor: null, balance_transaction: null, gateway: null,
    ...overrides,
  };
}

function dispute(chargeId: string, status: DisputeResource['status']): DisputeResource {
  return { id: `dp_${run}_${status}`, object: 'dispute', amount: 4_000, currency: 'usd', charge: chargeId, payment_intent: 'pi_x', reason: 'fraudulent', status, evidence: {} as DisputeResource['evidence'], evidence_details: { submission_count: 0, has_evidence: false }, is_charge_refundable: false, created: 0, livemode: false, metadata: {} };
}

/**
 * The ledger alone on its bus, fed the platform's events as payments and refunds publish them (the
 * in-process broker's publish resolves once the ledger has handled them). Payout delay 0: a settlement
 * pass makes every charge available.
 */
describe('ledger: postings from platform events', () => {
  let database: TestDatabase | undefined;
  let broker: InProcessBroker;
  let app: INestMicroservice;
  let dataSource: DataSource;
  const { ok, refused } = busRequests(() => broker);

  beforeAll(async () => {
    database = await openTestDatabase();
    broker = new InProcessBroker();
    const env = { ...process.env, PAYRAIL_PAYOUT_DELAY_MS: '0', PAYRAIL_SETTLEMENT_INTERVAL_MS: '3600000' };
    app = await startService({ service: ServiceNames.Ledger, module: LedgerModule.forRoot({ broker, databaseUrl: database.url, env }), broker });
    dataSource = app.get(DataSource);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await broker?.close();
    await database?.stop();
  });

  const payments = (...events: unknown[]) => broker.publish(Topics.PaymentsEvents, events.map((event) => ({ key: 'k', data: event as PaymentsEvent, headers: {} })));
  const refunds = (...events: unknown[]) => broker.publish(Topics.RefundsEvents, events.map((event) => ({ key: 'k', data: event as RefundsEvent, headers: {} })));
  const transactionsOf = async (owner: Caller, source: string) => (await ok(Patterns.BalanceTransactionList, { caller: owner, params: { source, limit: 100 } })).data;
  const usd = async (owner: Caller) => {
    const balance = await ok(Patterns.BalanceRetrieve, { caller: owner, params: {} });
    return { available: balance.available.find((entry) => entry.currency === 'usd')?.amount ?? 0, pending: balance.pending.find((entry) => entry.currency === 'usd')?.amount ?? 0 };
  };

  it('books a charge once whatever the redeliveries, and settles it to available', async () => {
    const paid = charge();
    const succeeded = envelope('charge.succeeded', merchant, paid);
    await payments(succeeded, succeeded, envelope('charge.captured', merchant, paid));
    expect(await transactionsOf(merchant, paid.id)).toEqual([expect.objectContaining({ type: 'charge', amount: 10_000, fee: 320, net: 9_680, status: 'pending' })]);
    expect(await usd(merchant)).toEqual({ available: 0, pending: 9_680 });
    await app.get(SettlementSweeper).runOnce();
    expect(await usd(merchant)).toEqual({ available: 9_680, pending: 0 });
    expect((await transactionsOf(merchant, paid.id))[0].status).toBe('available');
  });

  it('ignores an authorisation and a failed charge; books a refund when it succeeds', async () => {
    const before = await usd(merchant);
    await payments(envelope('charge.succeeded', merchant, charge({ captured: false, amount_captured: 0 })), envelope('charge.failed', merchant, charge({ status: 'failed', captured: false })));
    expect(await usd(merchant)).toEqual(before);
    const refund: RefundResource = { id: newId('re'), object: 'refund', amount: 1_500, currency: 'usd', charge: 'ch_x', payment_intent: 'pi_x', status: 'pending', reason: null, failure_reason: null, created: 0, livemode: false, metadata: {}, reconciliation: null };
    await refunds(envelope('refund.created', merchant, refund));
    expect(await transactionsOf(merchant, refund.id)).toEqual([]);
    await refunds(envelope('refund.updated', merchant, { ...refund, status: 'succeeded' }), envelope('refund.updated', merchant, { ...refund, status: 'succeeded' }));
    expect(await transactionsOf(merchant, refund.id)).toEqual([expect.objectContaining({ type: 'refund', amount: -1_500, net: -1_500, fee: 0 })]);
    expect((await usd(merchant)).available).toBe(before.available - 1_500);
  });

  it('withdraws a disputed amount and gives it back when the dispute is won; an inquiry moves nothing', async () => {
    const before = await usd(merchant);
    await refunds(envelope('charge.dispute.created', merchant, dispute('ch_inquiry', 'warning_needs_response')));
    expect(await usd(merchant)).toEqual(before);
    const opened = dispute('ch_disputed', 'needs_response');
    await refunds(envelope('charge.dispute.created', merchant, opened));
    expect((await usd(merchant)).available).toBe(before.available - 4_000);
    await refunds(envelope('charge.dispute.closed', merchant, { ...opened, status: 'won' }));
    expect((await usd(merchant)).available).toBe(before.available);
    expect((await transactionsOf(merchant, opened.id)).map((transaction) => [transaction.reporting_category, transaction.amount]).sort()).toEqual([
      ['dispute', -4_000],
      ['dispute_reversal', 4_000],
    ]);
  });

  it("charges the fee of the merchant's own pricing plan, per method and currency", async () => {
    const set = await ok(Patterns.PricingPlanReplace, {
      caller: priced,
      params: { rows: [{ method: 'card', currency: 'eur', percent_bps: 140, fixed_amount: 25 }, { method: '*', currency: '*', percent_bps: 500, fixed_amount: 0 }] },
    });
    // Rows come back in one order (`*` first), as given or as read.
    expect(set.rows.map((row) => `${row.method}/${row.currency}`)).toEqual(['*/*', 'card/eur']);
    expect((await ok(Patterns.PricingPlanRetrieve, { caller: priced, params: {} })).rows).toEqual(set.rows);
    const euro = charge({ currency: 'eur', payment_method_details: { type: 'card', card: { brand: 'visa', last4: '4242', exp_month: 1, exp_year: 2030, funding: 'credit', country: 'US', fingerprint: 'f' } } });
    const dollars = charge();
    await payments(envelope('charge.succeeded', priced, euro), envelope('charge.succeeded', priced, dollars));
    expect((await transactionsOf(priced, euro.id))[0]).toMatchObject({ fee: 165, net: 9_835, fee_details: [{ amount: 165, currency: 'eur', type: 'stripe_fee' }] });
    expect((await transactionsOf(priced, dollars.id))[0]).toMatchObject({ fee: 500, net: 9_500 });
    expect(await transactionsOf(merchant, euro.id)).toEqual([]);
    expect((await checkLedger(dataSource)).problems).toEqual([]);
  });

  it('prices a charge by the plan in force when it succeeded: a replacement changes neither recorded fees nor a late-booked earlier charge', async () => {
    const owner: Caller = { merchantId: `mch_post_c_${run}`, livemode: false };
    const first = await ok(Patterns.PricingPlanReplace, { caller: owner, params: { rows: [{ method: '*', currency: 'usd', percent_bps: 100, fixed_amount: 10 }] } });
    expect(first).toMatchObject({ object: 'pricing_plan', version: 1, rows: [{ method: '*', currency: 'usd', percent_bps: 100, fixed_amount: 10 }] });
    const booked = charge();
    await payments(envelope('charge.succeeded', owner, booked));
    // Succeeded under version 1, but its event reaches the ledger only after the replacement.
    const late = charge();
    const lateEvent = { ...envelope('charge.succeeded', owner, late), occurredAt: first.effective_from! };
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const second = await ok(Patterns.PricingPlanReplace, { caller: owner, params: { rows: [{ method: '*', currency: 'usd', percent_bps: 1_000, fixed_amount: 0 }] } });
    expect(second.version).toBe(2);
    expect(second.effective_from!).toBeGreaterThan(first.effective_from!);
    const afterwards = charge();
    await payments(lateEvent, envelope('charge.succeeded', owner, afterwards));

    expect((await transactionsOf(owner, booked.id))[0]).toMatchObject({ fee: 110, net: 9_890 });
    expect((await transactionsOf(owner, late.id))[0]).toMatchObject({ fee: 110 });
    expect((await transactionsOf(owner, afterwards.id))[0]).toMatchObject({ fee: 1_000, net: 9_000 });
    expect(await ok(Patterns.PricingPlanRetrieve, { caller: owner, params: {} })).toMatchObject({ version: 2, rows: [{ percent_bps: 1_000 }] });
    expect(await ok(Patterns.PricingPlanRetrieve, { caller: merchant, params: {} })).toEqual({
      object: 'pricing_plan', rows: [], default_price: { percent_bps: 290, fixed_amount: 30 }, version: 0, effective_from: null, livemode: false,
    });
    // The history is append-only, as the journal is.
    await expect(dataSource.query(`UPDATE "ledger"."pricing_plans" SET "percent_bps" = 0 WHERE "merchant_id" = $1`, [owner.merchantId])).rejects.toThrow(/append-only/);
  });

  it('refuses a bad plan whole and keeps the one in force; an empty plan puts the merchant back on the default', async () => {
    const owner: Caller = { merchantId: `mch_post_d_${run}`, livemode: false };
    await ok(Patterns.PricingPlanReplace, { caller: owner, params: { rows: [{ method: 'card', currency: 'usd', percent_bps: 200, fixed_amount: 20 }] } });
    const refusal = await refused(Patterns.PricingPlanReplace, {
      caller: owner,
      params: { rows: [{ method: 'card', currency: 'usd', percent_bps: 0, fixed_amount: 0 }, { method: 'card', currency: 'usd', percent_bps: 100, fixed_amount: 0 }] },
    });
    expect(refusal).toMatchObject({ code: 'parameter_invalid', param: 'rows[1]' });
    expect(await ok(Patterns.PricingPlanRetrieve, { caller: owner, params: {} })).toMatchObject({ version: 1, rows: [{ percent_bps: 200, fixed_amount: 20 }] });
    expect(await ok(Patterns.PricingPlanReplace, { caller: owner, params: { rows: [] } })).toMatchObject({ version: 2, rows: [] });
    const paid = charge();
    await payments(envelope('charge.succeeded', owner, paid));
    expect((await transactionsOf(owner, paid.id))[0]).toMatchObject({ fee: 320 });
  });
});
