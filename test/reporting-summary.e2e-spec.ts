import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { signRequest } from '@payrail/signing';
import type { ReportingCurrencySummary, ReportingSummaryResource } from '@payrail/contracts';
import { createMerchant, stripeClient, type MerchantCredentials } from '@payrail/testing';

const baseUrl = process.env.PAYRAIL_TEST_BASE_URL!;

async function eventually<T>(read: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function summary<T = ReportingSummaryResource>(key: string, query = ''): Promise<{ status: number; body: T }> {
  const response = await fetch(`${baseUrl}/v1/reporting/summary${query}`, { headers: { Authorization: `Bearer ${key}` } });
  return { status: response.status, body: (await response.json()) as T };
}

type ErrorBody = { error: { type: string; param?: string } };

/** A request as the gateway API document's integrators send it, signed with HMAC-SHA256. */
async function signedGet(credentials: MerchantCredentials, path: string): Promise<{ status: number; body: { success: boolean; message?: string; data?: Record<string, unknown> } }> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomUUID();
  const response = await fetch(`${baseUrl}${path}`, {
    headers: {
      'X-API-KEY': credentials.signing_key,
      'X-API-TIMESTAMP': timestamp,
      'X-API-NONCE': nonce,
      'X-API-SIGNATURE': signRequest(credentials.signing_secret, { method: 'GET', path, timestamp, nonce, rawBody: '' }),
    },
  });
  return { status: response.status, body: (await response.json()) as { success: boolean; data?: Record<string, unknown> } };
}

/** A merchant of its own, so that the summary holds exactly what this spec paid, refunded and lost. */
describe('reporting: GET /v1/reporting/summary', () => {
  let merchant: MerchantCredentials;
  let neighbour: MerchantCredentials;
  let stripe: Stripe;
  let transactions: Stripe.BalanceTransaction[];

  beforeAll(async () => {
    [merchant, neighbour] = await Promise.all([createMerchant('Reporting Numbers Ltd'), createMerchant('Reporting Neighbour Ltd')]);
    stripe = stripeClient(merchant.secret_key);

    const paid = await stripe.paymentIntents.create({ amount: 10_000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
    await stripe.refunds.create({ payment_intent: paid.id, amount: 2_500 });
    const disputed = await stripe.paymentIntents.create({ amount: 4_200, currency: 'usd', payment_method: 'pm_card_createDispute', confirm: true });
    expect(disputed.status).toBe('succeeded');
    const declined = await stripe.paymentIntents.create({ amount: 7_700, currency: 'usd', payment_method: 'pm_card_chargeDeclined', confirm: true }).catch((error: unknown) => error);
    expect((declined as Stripe.errors.StripeError).code).toBe('card_declined');
    await stripe.paymentIntents.create({ amount: 3_000, currency: 'eur', payment_method: 'pm_card_visa', confirm: true });

    // Charge, refund and chargeback in usd, a charge in eur: five movements once the events have been booked.
    transactions = await eventually(async () => {
      const list = await stripe.balanceTransactions.list({ limit: 100 });
      return list.data.length === 5 ? list.data : undefined;
    });
  });

  const feesIn = (currency: string) => transactions.filter((transaction) => transaction.currency === currency).reduce((sum, transaction) => sum + transaction.fee, 0);

  it('counts and totals what the ledger booked, per currency, with fees, net and the balance; the declined attempt counted from payments, as it moved no money', async () => {
    const { status, body } = await summary(merchant.secret_key);
    expect(status).toBe(200);
    expect(body).toMatchObject({ object: 'reporting.summary', livemode: false });
    expect(body.created.lt - body.created.gte).toBe(30 * 86_400);
    expect(body.currencies.map((entry) => entry.currency)).toEqual(['eur', 'usd']);

    const usd = body.currencies.find((entry) => entry.currency === 'usd')!;
    // 2.9 % + 30 on each charge, as the ledger's pricing plan says; refunds and chargebacks carry no fee.
    expect(feesIn('usd')).toBe(320 + Math.round(4_200 * 0.029) + 30);
    const usdNet = 14_200 - feesIn('usd') - 2_500 - 4_200;
    expect(usd).toEqual<ReportingCurrencySummary>({
      currency: 'usd',
      charges_succeeded: { count: 2, amount: 14_200 },
      charges_failed: { count: 1, amount: 7_700 },
      refunds: { count: 1, amount: 2_500 },
      disputes: { count: 1, amount: 4_200 },
      dispute_reversals: { count: 0, amount: 0 },
      fees: feesIn('usd'),
      net: usdNet,
      balance: usd.balance,
    });
    // Everything this merchant ever did is in the range, so its balance is the range's net.
    expect(usd.balance.available + usd.balance.pending).toBe(usdNet);
    const stripeBalance = await stripe.balance.retrieve();
    const inUsd = (amounts: Stripe.Balance.Available[]) => amounts.find((entry) => entry.currency === 'usd')?.amount ?? 0;
    expect(inUsd(stripeBalance.available) + inUsd(stripeBalance.pending)).toBe(usdNet);

    const eur = body.currencies.find((entry) => entry.currency === 'eur')!;
    expect(eur).toMatchObject({ charges_succeeded: { count: 1, amount: 3_000 }, charges_failed: { count: 0, amount: 0 }, refunds: { count: 0, amount: 0 }, fees: feesIn('eur'), net: 3_000 - feesIn('eur') });
  });

  it('narrows to one currency and to a range', async () => {
    const onlyEur = await summary(merchant.secret_key, '?currency=EUR');
    expect(onlyEur.body.currencies.map((entry) => entry.currency)).toEqual(['eur']);

    const oldest = Math.min(...transactions.map((transaction) => transaction.created));
    const before = await summary(merchant.secret_key, `?created[gte]=${oldest - 86_400}&created[lt]=${oldest}`);
    expect(before.status).toBe(200);
    expect(before.body.created).toEqual({ gte: oldest - 86_400, lt: oldest });
    // Nothing moved then; the currencies are still listed, with the balance they hold now.
    expect(before.body.currencies.map((entry) => [entry.currency, entry.charges_succeeded.count, entry.charges_failed.count, entry.refunds.count, entry.net])).toEqual([
      ['eur', 0, 0, 0, 0],
      ['usd', 0, 0, 0, 0],
    ]);
    const usdNow = before.body.currencies.find((entry) => entry.currency === 'usd')!;
    expect(usdNow.balance.available + usdNow.balance.pending).toBe(14_200 - feesIn('usd') - 2_500 - 4_200);

    const newest = Math.max(...transactions.map((transaction) => transaction.created));
    const all = await summary(merchant.secret_key, `?created[gte]=${oldest}&created[lt]=${newest + 1}`);
    expect(all.body.currencies.find((entry) => entry.currency === 'usd')?.charges_succeeded.count).toBe(2);
  });

  it('shows another merchant nothing', async () => {
    const { status, body } = await summary(neighbour.secret_key);
    expect(status).toBe(200);
    expect(body.currencies).toEqual([]);
  });

  it('answers the gateway document\'s /api/v1/client/dashboard, HMAC-signed, in its envelope and major units', async () => {
    const { status, body } = await signedGet(merchant, '/api/v1/client/dashboard');
    expect(status).toBe(200);
    const usd = { total_transactions: 3, total_success: 2, total_failed: 1, total_amount: 142, commission_amount: feesIn('usd') / 100, currency: 'USD' };
    expect(body).toEqual({
      success: true,
      data: {
        ...usd,
        currencies: [{ total_transactions: 1, total_success: 1, total_failed: 0, total_amount: 30, commission_amount: feesIn('eur') / 100, currency: 'EUR' }, usd],
        from: expect.any(Number),
        to: expect.any(Number),
      },
    });
    const inEur = await signedGet(merchant, '/api/v1/client/dashboard?currency=eur');
    expect(inEur.body.data).toMatchObject({ total_transactions: 1, total_amount: 30, currency: 'EUR' });
    const neighbours = await signedGet(neighbour, '/api/v1/client/dashboard');
    expect(neighbours.body.data).toMatchObject({ total_transactions: 0, total_amount: 0, currencies: [] });
    const unsigned = await fetch(`${baseUrl}/api/v1/client/dashboard`, { headers: { Authorization: `Bearer ${merchant.secret_key}` } });
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toMatchObject({ success: false });
  });

  it.each([
    ['?created[gte]=200&created[lt]=100', 'created[lt]'],
    ['?created[gte]=yesterday', 'created'],
    ['?created=1700000000', 'created'],
    ['?currency=dollars', 'currency'],
  ])('refuses %s with a 400 naming %s', async (query, param) => {
    const { status, body } = await summary<ErrorBody>(merchant.secret_key, query);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ type: 'invalid_request_error', param });
  });
});
