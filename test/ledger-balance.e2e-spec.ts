import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import Stripe from 'stripe';
import { createMerchant, stripeClient } from '@payrail/testing';

const run = promisify(execFile);

async function eventually<T>(read: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const amountIn = (amounts: Stripe.Balance.Available[], currency: string) => amounts.find((entry) => entry.currency === currency)?.amount ?? 0;

/**
 * The ledger seen through the official Stripe SDK: a merchant of its own per spec, so that its balance
 * holds exactly what the spec paid. The test platform's payout delay is 1.5 s.
 */
describe('ledger: balance and balance transactions', () => {
  let stripe: Stripe;
  let other: Stripe;

  beforeAll(async () => {
    stripe = stripeClient((await createMerchant('Ledger Books Ltd')).secret_key);
    other = stripeClient((await createMerchant('Ledger Neighbour Ltd')).secret_key);
  });

  async function transactionsFor(source: string): Promise<Stripe.BalanceTransaction[] | undefined> {
    const list = await stripe.balanceTransactions.list({ limit: 100 });
    const found = list.data.filter((transaction) => transaction.source === source);
    return found.length > 0 ? found : undefined;
  }

  it('credits a captured charge less 2.9 % + 30 to pending, then makes it available after the payout delay; refunds debit it', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 10_000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true, description: 'Ledger order 1' });
    const chargeId = intent.latest_charge as string;
    const [charge] = await eventually(() => transactionsFor(chargeId));
    expect(charge).toMatchObject({
      object: 'balance_transaction',
      type: 'charge',
      reporting_category: 'charge',
      amount: 10_000,
      fee: 320,
      net: 9_680,
      currency: 'usd',
      description: 'Ledger order 1',
      fee_details: [{ amount: 320, currency: 'usd', type: 'stripe_fee' }],
    });
    expect(charge.id).toMatch(/^txn_/);
    expect(charge.available_on).toBeGreaterThanOrEqual(charge.created);
    // The charge names its balance transaction, and expands it.
    const expanded = await stripe.charges.retrieve(chargeId, { expand: ['balance_transaction'] });
    expect(expanded.balance_transaction).toMatchObject({ object: 'balance_transaction', id: charge.id, fee: 320, net: 9_680 });
    expect((await stripe.charges.retrieve(chargeId)).balance_transaction).toBe(charge.id);

    const available = await eventually(async () => {
      const balance = await stripe.balance.retrieve();
      return amountIn(balance.available, 'usd') === 9_680 ? balance : undefined;
    });
    expect(available).toMatchObject({ object: 'balance', livemode: false });
    expect(amountIn(available.pending, 'usd')).toBe(0);
    expect((await stripe.balanceTransactions.retrieve(charge.id)).status).toBe('available');

    const refund = await stripe.refunds.create({ payment_intent: intent.id, amount: 2_500 });
    const [refunded] = await eventually(() => transactionsFor(refund.id));
    expect(refunded).toMatchObject({ type: 'refund', amount: -2_500, fee: 0, net: -2_500, status: 'available' });
    const after = await stripe.balance.retrieve();
    expect(amountIn(after.available, 'usd')).toBe(9_680 - 2_500);
  });

  it('books a manually captured payment once, for what was captured, and nothing for the authorisation alone', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 5_000, currency: 'eur', payment_method: 'pm_card_visa', confirm: true, capture_method: 'manual' });
    const chargeId = intent.latest_charge as string;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await transactionsFor(chargeId)).toBeUndefined();
    await stripe.paymentIntents.capture(intent.id, { amount_to_capture: 4_000 });
    const booked = await eventually(() => transactionsFor(chargeId));
    // Twice the time the first took, to see that no second event books it again.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await transactionsFor(chargeId)).toHaveLength(1);
    expect(booked[0]).toMatchObject({ amount: 4_000, fee: 146, net: 3_854, currency: 'eur' });
  });

  it('lists by type, created and source, with cursors; another merchant sees none of it', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 3_000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
    const [latest] = await eventually(() => transactionsFor(intent.latest_charge as string));

    const charges = await stripe.balanceTransactions.list({ type: 'charge', limit: 100 });
    expect(charges.data.length).toBeGreaterThanOrEqual(3);
    expect(charges.data.every((transaction) => transaction.type === 'charge')).toBe(true);
    expect((await stripe.balanceTransactions.list({ type: 'refund' })).data.every((transaction) => transaction.type === 'refund')).toBe(true);

    const first = await stripe.balanceTransactions.list({ limit: 1 });
    expect(first.has_more).toBe(true);
    const next = await stripe.balanceTransactions.list({ limit: 1, starting_after: first.data[0].id });
    expect(next.data[0].id).not.toBe(first.data[0].id);
    expect((await stripe.balanceTransactions.list({ created: { gt: latest.created + 1000 } })).data).toEqual([]);
    expect((await stripe.balanceTransactions.list({ created: { gte: latest.created }, limit: 100 })).data.map((transaction) => transaction.id)).toContain(latest.id);

    const refusal = (await other.balanceTransactions.retrieve(latest.id).catch((error: unknown) => error)) as Stripe.errors.StripeError;
    expect(refusal.statusCode).toBe(404);
    expect((await other.balanceTransactions.list()).data).toEqual([]);
    const neighbour = await other.balance.retrieve();
    expect(neighbour.available).toEqual([]);
    expect(neighbour.pending).toEqual([]);
  });

  it('refuses a filter it does not know with a 400 that names it', async () => {
    const refusal = (await stripe.balanceTransactions.list({ type: 'payout' as never }).catch((error: unknown) => error)) as Stripe.errors.StripeError;
    expect(refusal.statusCode).toBe(400);
    expect(refusal.param).toBe('type');
  });

  it('agrees with a full recomputation from the postings (npm run ledger:check)', async () => {
    const { stdout } = await run(process.execPath, ['scripts/ledger-check.mjs'], { env: { ...process.env, DATABASE_URL: process.env.PAYRAIL_TEST_DATABASE_URL } });
    expect(stdout).toContain('ledger check passed');
    expect(stdout).toMatch(/usd: all postings sum to 0/);
  });
});
