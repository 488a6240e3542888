import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Patterns, type Caller, type ChargeResource, type DisputeResource, type GatewayBalanceTransaction, type GatewayCallbackReceived, type GatewayTransactionRecorded, type RefundResource } from '@payrail/contracts';
import { newId } from '@payrail/domain';
import { busRequests } from '@payrail/testing';
import { DataSource } from 'typeorm';
import { checkLedger } from '../integrity/ledger-integrity.js';
import { capturedCharge, envelope, startLedgerOnBus, type LedgerOnBus } from './testing/ledger-on-bus.js';

const run = randomBytes(4).toString('hex');

/** Stripe's USD 100.00 charge on an account settling in EUR: EUR 92.00 settled at 0.92, EUR 2.97 kept (USD 3.23 at that rate). */
function convertedCharge(): GatewayTransactionRecorded {
  return {
    gatewayTransactionId: newId('gtx'), connector: 'stripe', kind: 'authorization', outcome: 'succeeded', amount: 10_000, currency: 'usd',
    gatewayFee: { amount: 297, currency: 'eur', settlement: { amount: 9_200, currency: 'eur', exchangeRate: '0.92' } },
  };
}

/** A refund of it as the connectors record it: paid out of the EUR balance at the refund's own rate, no fee. */
function convertedRefund(amount: number, settled: number, exchangeRate: string): GatewayTransactionRecorded {
  return {
    gatewayTransactionId: newId('gtx'), connector: 'stripe', kind: 'refund', outcome: 'succeeded', amount, currency: 'usd',
    gatewayFee: { amount: 0, currency: 'eur', settlement: { amount: settled, currency: 'eur', exchangeRate } },
  };
}

function refund(chargeId: string, amount: number): RefundResource {
  return { id: newId('re'), object: 'refund', amount, currency: 'usd', charge: chargeId, payment_intent: 'pi_x', status: 'succeeded', reason: null, failure_reason: null, created: 0, livemode: false, metadata: {}, reconciliation: null };
}

function dispute(chargeId: string, status: DisputeResource['status']): DisputeResource {
  return { id: `dp_fx_${run}`, object: 'dispute', amount: 10_000, currency: 'usd', charge: chargeId, payment_intent: 'pi_x', reason: 'fraudulent', status, evidence: {} as DisputeResource['evidence'], evidence_details: { submission_count: 0, has_evidence: false }, is_charge_refundable: false, created: 0, livemode: false, metadata: {} };
}

function disputeCallback(status: DisputeResource['status'], balanceTransactions: GatewayBalanceTransaction[]): GatewayCallbackReceived {
  return {
    callbackId: newId('gcb'), gateway: 'stripe', gatewayAccountId: 'ga_fx', gatewayEventId: newId('evt'), paymentIntentId: 'pi_x', attempt: null,
    outcome: { kind: 'dispute', phase: status === 'lost' || status === 'won' ? 'closed' : 'created', gatewayDisputeId: 'du_fx', amount: 10_000, currency: 'usd', reason: 'fraudulent', status, balanceTransactions },
  };
}

type Balance = { code: string; currency: string; balance: number };

/** The merchant's side once the whole USD 100.00 went back (refunded or charged back): its USD fee stays the platform's. */
const merchantSideAfterAllReturned: Balance[] = [
  { code: 'merchant_available', currency: 'usd', balance: -10_000 },
  { code: 'merchant_pending', currency: 'usd', balance: 10_000 - 320 },
  { code: 'processing_fees', currency: 'usd', balance: 320 },
];

/**
 * Refunds and disputes of a charge Stripe converted into the account's settlement currency, on the real ledger:
 * gateway clearing in the charge's currency returns to zero, the settlement currency's holds what Stripe
 * holds, the dispute fee is a cost in the charge's currency, the merchant sees its USD movements only, and a
 * redelivered or repeated report books nothing twice, whichever side (the merchant's posting or the
 * connectors' settlement) arrives first.
 */
describe("ledger: a converted charge's refunds and disputes, where the money really is", () => {
  let ledger: LedgerOnBus;
  let db: DataSource;
  const { ok } = busRequests(() => ledger.broker);

  beforeAll(async () => {
    ledger = await startLedgerOnBus(process.env);
    db = ledger.app.get(DataSource);
  }, 60_000);

  afterAll(async () => {
    await ledger?.stop();
  });

  const connectors = (...events: unknown[]) => ledger.connectors(...events);
  const payments = (...events: unknown[]) => ledger.payments(...events);
  const refunds = (...events: unknown[]) => ledger.refunds(...events);
  const range = () => ({ gte: Math.floor(Date.now() / 1000) - 3_600, lt: Math.floor(Date.now() / 1000) + 60 });

  const balancesOf = async (owner: Caller) =>
    (await db.query(`SELECT "code", "currency", "balance"::int AS "balance" FROM "ledger"."ledger_accounts" WHERE "merchant_id" = $1 AND "livemode" = false ORDER BY 1, 2`, [owner.merchantId])) as Balance[];
  const entriesOf = async (owner: Caller) =>
    (await db.query(`SELECT "kind", count(*)::int AS "count" FROM "ledger"."journal_entries" WHERE "merchant_id" = $1 GROUP BY 1 ORDER BY 1`, [owner.merchantId])) as unknown[];
  const merchantTransactionsOf = async (owner: Caller) =>
    (await db.query(`SELECT "type", "amount"::int AS "amount", "currency" FROM "ledger"."balance_transactions" WHERE "merchant_id" = $1 ORDER BY "created_at", "amount"`, [owner.merchantId])) as unknown[];
  const perCurrency = (balances: Balance[]) => balances.reduce<Partial<Record<string, number>>>((sums, row) => ({ ...sums, [row.currency]: (sums[row.currency] ?? 0) + row.balance }), {});

  async function chargedAbroad(owner: Caller): Promise<ChargeResource> {
    const paid = capturedCharge('usd');
    await payments(envelope('charge.succeeded', owner, paid, paid.id));
    const stripe = convertedCharge();
    await connectors(envelope('gateway.transaction.recorded', owner, stripe, stripe.gatewayTransactionId));
    return paid;
  }

  it('takes a partial and then a second refund out of EUR at each refund’s rate: USD clearing back to 0, EUR clearing what Stripe holds, once', async () => {
    const owner: Caller = { merchantId: `mch_fx_refund_${run}`, livemode: false };
    const paid = await chargedAbroad(owner);

    // USD 40.00 refunded, paid out as EUR 36.40 at 0.91: the merchant's posting first, then the connectors' report, redelivered.
    const first = refund(paid.id, 4_000);
    await refunds(envelope('refund.updated', owner, first, first.id));
    const firstPaidOut = envelope('gateway.transaction.recorded', owner, convertedRefund(4_000, 3_640, '0.91'), 'gtx');
    await connectors(firstPaidOut, firstPaidOut, { ...firstPaidOut, id: newId('evt') });
    // USD 60.00 refunded, paid out as EUR 55.80 at 0.93: the connectors' report first this time.
    const second = refund(paid.id, 6_000);
    const secondPaidOut = envelope('gateway.transaction.recorded', owner, convertedRefund(6_000, 5_580, '0.93'), 'gtx');
    await connectors(secondPaidOut);
    await refunds(envelope('refund.updated', owner, second, second.id), envelope('refund.updated', owner, second, second.id));
    await connectors({ ...secondPaidOut, id: newId('evt') });

    const balances = await balancesOf(owner);
    expect(balances).toEqual([
      { code: 'fx_conversion', currency: 'eur', balance: 9_200 - 297 - 3_640 - 5_580 },
      { code: 'fx_conversion', currency: 'usd', balance: -10_000 + 323 + 4_000 + 6_000 },
      // Stripe's EUR balance for this charge is 9 200 − 297 − 3 640 − 5 580 = −317: owed to Stripe.
      { code: 'gateway_clearing', currency: 'eur', balance: 317 },
      { code: 'gateway_clearing', currency: 'usd', balance: 0 },
      { code: 'gateway_costs:stripe', currency: 'usd', balance: -323 },
      ...merchantSideAfterAllReturned,
    ]);
    expect(perCurrency(balances)).toEqual({ eur: 0, usd: 0 });
    expect(await entriesOf(owner)).toEqual([
      { kind: 'charge', count: 1 },
      { kind: 'gateway_cost', count: 1 },
      { kind: 'gateway_fx', count: 3 },
      { kind: 'refund', count: 2 },
    ]);
    // The merchant's balance transactions are its USD charge and refunds, nothing of Stripe's conversion.
    expect(await merchantTransactionsOf(owner)).toEqual([
      { type: 'charge', amount: 10_000, currency: 'usd' },
      { type: 'refund', amount: -4_000, currency: 'usd' },
      { type: 'refund', amount: -6_000, currency: 'usd' },
    ]);
    // A refund costs the operator nothing here: the charge's fee is the only cost.
    expect((await ok(Patterns.PricingCosts, { caller: owner, params: range() })).currencies).toEqual([
      { currency: 'usd', fees: 320, gateway_costs: [{ gateway: 'stripe', count: 1, amount: 323 }], margin: -3 },
    ]);
    expect((await checkLedger(db)).problems).toEqual([]);
  });

  it("books a lost dispute's withdrawal at its own rate and Stripe's EUR dispute fee as a USD cost, once however many callbacks list it", async () => {
    const owner: Caller = { merchantId: `mch_fx_dispute_${run}`, livemode: false };
    const paid = await chargedAbroad(owner);
    // Stripe withdrew the USD 100.00 as EUR 90.00 at 0.9 and kept EUR 15.00 for the dispute (USD 16.67 at that rate).
    const withdrawal: GatewayBalanceTransaction = { id: `txn_w_${run}`, amount: -9_000, currency: 'eur', fee: 1_500, exchangeRate: '0.9' };
    const opened = envelope('gateway.callback.received', owner, disputeCallback('needs_response', [withdrawal]), 'pi_x');
    await connectors(opened, opened);
    await refunds(envelope('charge.dispute.created', owner, dispute(paid.id, 'needs_response'), paid.id));
    await connectors(envelope('gateway.callback.received', owner, disputeCallback('lost', [withdrawal]), 'pi_x'));
    await refunds(envelope('charge.dispute.closed', owner, dispute(paid.id, 'lost'), paid.id));

    const balances = await balancesOf(owner);
    expect(balances).toEqual([
      { code: 'fx_conversion', currency: 'eur', balance: 9_200 - 297 - 9_000 - 1_500 },
      { code: 'fx_conversion', currency: 'usd', balance: -10_000 + 323 + 10_000 + 1_667 },
      // Stripe's EUR balance for this charge: 9 200 − 297 − 9 000 − 1 500 = −1 597.
      { code: 'gateway_clearing', currency: 'eur', balance: 1_597 },
      { code: 'gateway_clearing', currency: 'usd', balance: 0 },
      { code: 'gateway_costs:stripe', currency: 'usd', balance: -323 - 1_667 },
      ...merchantSideAfterAllReturned,
    ]);
    expect(perCurrency(balances)).toEqual({ eur: 0, usd: 0 });
    expect(await entriesOf(owner)).toEqual([
      { kind: 'charge', count: 1 },
      { kind: 'dispute', count: 1 },
      { kind: 'gateway_cost', count: 2 },
      { kind: 'gateway_fx', count: 2 },
    ]);
    expect(await merchantTransactionsOf(owner)).toEqual([
      { type: 'charge', amount: 10_000, currency: 'usd' },
      { type: 'adjustment', amount: -10_000, currency: 'usd' },
    ]);
    expect((await ok(Patterns.PricingCosts, { caller: owner, params: range() })).currencies).toEqual([
      { currency: 'usd', fees: 320, gateway_costs: [{ gateway: 'stripe', count: 2, amount: 1_990 }], margin: 320 - 1_990 },
    ]);
    expect((await checkLedger(db)).problems).toEqual([]);
  });

  it("brings a won dispute's reinstatement back into EUR at its rate, with the dispute fee Stripe gave back", async () => {
    const owner: Caller = { merchantId: `mch_fx_won_${run}`, livemode: false };
    const paid = await chargedAbroad(owner);
    const won = { ...dispute(paid.id, 'won'), id: `dp_fx_won_${run}` };
    const movements: GatewayBalanceTransaction[] = [
      { id: `txn_ww_${run}`, amount: -9_000, currency: 'eur', fee: 1_500, exchangeRate: '0.9' },
      { id: `txn_wr_${run}`, amount: 9_300, currency: 'eur', fee: -1_500, exchangeRate: '0.93' },
    ];
    await refunds(envelope('charge.dispute.closed', owner, won, paid.id));
    await connectors(envelope('gateway.callback.received', owner, disputeCallback('won', movements), 'pi_x'));

    const balances = await balancesOf(owner);
    expect(balances.filter((row) => row.code === 'gateway_clearing' || row.code.startsWith('gateway_costs'))).toEqual([
      // Stripe's EUR balance: 9 200 − 297 − 9 000 − 1 500 + 9 300 + 1 500 = 9 203.
      { code: 'gateway_clearing', currency: 'eur', balance: -9_203 },
      { code: 'gateway_clearing', currency: 'usd', balance: 0 },
      // The fee back at 0.93 is USD 16.13: the cost left is the charge's fee and the rates' difference.
      { code: 'gateway_costs:stripe', currency: 'usd', balance: -323 - 1_667 + 1_613 },
    ]);
    expect(perCurrency(balances)).toEqual({ eur: 0, usd: 0 });
    expect((await checkLedger(db)).problems).toEqual([]);
  });
});
