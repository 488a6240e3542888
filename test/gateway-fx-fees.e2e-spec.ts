import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import Stripe from 'stripe';
import { isolatedRuntimeEnv, startAllInOne, startStripeMock, stopProcess, stripeClient, type MerchantCredentials, type PlatformUnderTest, type StripeMock } from '@payrail/testing';
import { operatorCostsFixture, type CostsBody, type LedgerAccountRow, type OperatorCostsFixture } from './operator-costs-fixture.js';

/**
 * The Stripe account settles in EUR: what its balance transaction says of a USD charge. Stripe converts the
 * gross at `exchange_rate` (EUR per dollar, a JSON number) and keeps its fee in EUR.
 */
const SETTLEMENT = { currency: 'eur', exchangeRate: 0.92 } as const;
/** A refund is paid out of the EUR balance at its own rate: the euro has moved since the charge. */
const REFUND_RATE = 0.91;
/** Stripe's fee in EUR cents on a converted charge of `settled` EUR cents (1.5% + 2% conversion + 25¢, rounded). */
const eurFee = (settled: number) => Math.round(settled * 0.035) + 25;

interface ProxiedRequest {
  method: string;
  path: string;
  form: URLSearchParams;
}

/**
 * stripe-mock behind a pass-through that rewrites one answer: every request reaches stripe-mock (which checks
 * it against Stripe's OpenAPI document) and its answer comes back as it is, except `rewrite`'s.
 */
async function startRewritingProxy(upstream: string, rewrite: (request: ProxiedRequest, answer: unknown) => unknown): Promise<{ url: string; server: Server }> {
  const bodyOf = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString();
  };
  const server = createServer((req, res) => {
    void (async () => {
      const body = await bodyOf(req);
      const headers = Object.fromEntries(Object.entries(req.headers).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && !['host', 'content-length'].includes(entry[0])));
      const answer = await fetch(`${upstream}${req.url}`, { method: req.method, headers, ...(req.method === 'POST' ? { body } : {}) });
      const text = await answer.text();
      const request = { method: req.method ?? 'GET', path: new URL(req.url ?? '/', 'http://stripe').pathname, form: new URLSearchParams(body) };
      const rewritten = answer.status === 200 ? JSON.stringify(rewrite(request, JSON.parse(text))) : text;
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(rewritten);
    })().catch((error: unknown) => res.writeHead(502).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

/**
 * A confirming create for automatic capture answers as Stripe does for a card that pays on an account settling
 * in EUR; a refund create as Stripe does when it pays the refund out of that EUR balance.
 */
function settledAbroad(request: ProxiedRequest, answer: unknown): unknown {
  if (request.method === 'POST' && request.path === '/v1/refunds') return paidOutAbroad(request, answer);
  const confirming = request.method === 'POST' && request.path === '/v1/payment_intents' && request.form.get('confirm') === 'true' && request.form.get('capture_method') === 'automatic';
  if (!confirming) return answer;
  const intent = answer as { status?: string; latest_charge?: Record<string, unknown> | string | null };
  const amount = Number(request.form.get('amount'));
  const settled = Math.round(amount * SETTLEMENT.exchangeRate);
  const fee = eurFee(settled);
  intent.status = 'succeeded';
  if (typeof intent.latest_charge === 'object' && intent.latest_charge !== null) {
    const existing = intent.latest_charge['balance_transaction'];
    Object.assign(intent.latest_charge, {
      amount,
      currency: request.form.get('currency'),
      captured: true,
      balance_transaction: {
        ...(typeof existing === 'object' ? existing : {}),
        amount: settled,
        currency: SETTLEMENT.currency,
        exchange_rate: SETTLEMENT.exchangeRate,
        fee,
        fee_details: [{ amount: fee, currency: SETTLEMENT.currency, type: 'stripe_fee', application: null, description: 'Stripe processing fees' }],
        net: settled - fee,
      },
    });
  }
  return intent;
}

/** The refund succeeded; its balance transaction (asked for expanded) took the amount converted at REFUND_RATE from the EUR balance, no fee. */
function paidOutAbroad(request: ProxiedRequest, answer: unknown): unknown {
  const refund = answer as Record<string, unknown>;
  const amount = Number(request.form.get('amount'));
  const settled = Math.round(amount * REFUND_RATE);
  const existing = refund['balance_transaction'];
  return Object.assign(refund, {
    amount,
    currency: 'usd',
    status: 'succeeded',
    balance_transaction: {
      ...(typeof existing === 'object' ? existing : {}),
      amount: -settled,
      currency: SETTLEMENT.currency,
      exchange_rate: REFUND_RATE,
      fee: 0,
      fee_details: [],
      net: -settled,
      type: 'refund',
    },
  });
}

/**
 * A USD payment through a Stripe account that settles in EUR: Stripe's EUR fee reaches the operator's costs
 * view against the USD the merchant paid, converted at the rate Stripe recorded, and the ledger balances
 * in both currencies.
 */
describe("a gateway's fee in another currency than the payment's", () => {
  let stripeMock: StripeMock;
  let stripe: { url: string; server: Server };
  let platform: (PlatformUnderTest & { dataDir: string }) | undefined;
  let fixture: OperatorCostsFixture;
  /** The first spec's merchant and payment, refunded by the next. */
  let paid: { merchant: MerchantCredentials; intent: string; token: string } | undefined;

  beforeAll(async () => {
    stripeMock = await startStripeMock();
    stripe = await startRewritingProxy(stripeMock.url, settledAbroad);
    platform = await startAllInOne('platform-gateway-fx-fees', { ...(await isolatedRuntimeEnv('fxfees')), PAYRAIL_STRIPE_API_BASE: stripe.url });
    fixture = operatorCostsFixture(platform.baseUrl, { databaseUrl: platform.databaseUrl, env: platform.env });
  }, 120_000);

  afterAll(async () => {
    if (platform) await Promise.all(platform.processes.map((child) => stopProcess(child)));
    await new Promise((resolve) => stripe?.server.close(resolve));
    await stripeMock?.stop();
  });

  it("shows Stripe's EUR fee on a USD payment in USD, at Stripe's rate, against the merchant's USD fee", async () => {
    const merchant = await fixture.stripeMerchant('FX Fees Through Stripe');
    const intent = await stripeClient(merchant.secret_key, platform!.baseUrl).paymentIntents.create({ amount: 10_000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
    expect(intent.status).toBe('succeeded');

    // USD 100.00 settled as EUR 92.00; Stripe kept EUR 3.47 (347), which at 0.92 is USD 3.7717…: 377 cents.
    expect(eurFee(9_200)).toBe(347);
    const token = await fixture.operatorToken(merchant);
    const booked = await fixture.costsOnceBooked(token, 'usd');
    // The merchant's own balance transaction is in USD, its fee its pricing plan's: Stripe's conversion is not its business.
    const balanceTransaction = await fixture.balanceTransactionOf(merchant, intent.id);
    expect(balanceTransaction).toMatchObject({ currency: 'usd', amount: 10_000 });
    const fees = balanceTransaction.fee;
    expect(booked.currencies).toEqual([{ currency: 'usd', fees, gateway_costs: [{ gateway: 'stripe', count: 1, amount: 377 }], margin: fees - 377 }]);
    // No EUR row: the operator's costs are all against the currency the merchant paid in.
    expect((await fixture.call<CostsBody>('/v1/pricing_plan/costs', token)).body.currencies).toEqual(booked.currencies);
    paid = { merchant, intent: intent.id, token };
  });

  it("follows a full refund into EUR at the refund's own rate: USD clearing back to 0, EUR clearing what Stripe holds, costs unchanged", async () => {
    const { merchant, intent, token } = paid!;
    const costsBefore = (await fixture.call<CostsBody>('/v1/pricing_plan/costs?currency=usd', token)).body.currencies;
    const refund = await stripeClient(merchant.secret_key, platform!.baseUrl).refunds.create({ payment_intent: intent });
    expect(refund).toMatchObject({ amount: 10_000, currency: 'usd', status: 'succeeded' });

    // USD 100.00 paid out as EUR 91.00 at 0.91: Stripe's EUR balance for the payment is 9 200 − 347 − 9 100 = −247.
    // Booked once both the merchant's refund posting and the connectors' report of the payout have arrived (either first).
    const balanceOf = (rows: LedgerAccountRow[], code: string, currency: string) => rows.find((row) => row.code === code && row.currency === currency)?.balance;
    const accounts = await fixture.gatewayAccountsOnce(merchant, (rows) => balanceOf(rows, 'fx_conversion', 'eur') === -247 && balanceOf(rows, 'gateway_clearing', 'usd') === 0);
    expect(accounts).toEqual([
      { code: 'fx_conversion', currency: 'eur', balance: 9_200 - 347 - 9_100 },
      { code: 'fx_conversion', currency: 'usd', balance: -10_000 + 377 + 10_000 },
      { code: 'gateway_clearing', currency: 'eur', balance: 247 },
      { code: 'gateway_clearing', currency: 'usd', balance: 0 },
      { code: 'gateway_costs:stripe', currency: 'usd', balance: -377 },
    ]);
    // A refund costs the operator nothing: the charge's fee is still the only cost, and the merchant's refund is in USD.
    expect((await fixture.call<CostsBody>('/v1/pricing_plan/costs?currency=usd', token)).body.currencies).toEqual(costsBefore);
    const refunds = await stripeClient(merchant.secret_key, platform!.baseUrl).balanceTransactions.list({ type: 'refund' });
    expect(refunds.data.map((transaction) => [transaction.currency, transaction.amount])).toEqual([['usd', -10_000]]);
  });

  it("books a lost dispute's EUR withdrawal at its own rate and Stripe's EUR dispute fee as a USD cost, once however many callbacks list them", async () => {
    const webhookSecret = `whsec_${randomBytes(24).toString('hex')}`;
    const merchant = await fixture.stripeMerchant('FX Disputes Through Stripe', webhookSecret);
    const intent = await stripeClient(merchant.secret_key, platform!.baseUrl).paymentIntents.create({ amount: 10_000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
    expect(intent.status).toBe('succeeded');
    const token = await fixture.operatorToken(merchant);
    await fixture.costsOnceBooked(token, 'usd');
    const charges = await fixture.call<{ data: Array<{ id: string; gateway: { reference: string } | null }> }>(`/v1/charges?payment_intent=${intent.id}`, merchant.secret_key);
    const stripeIntent = charges.body.data[0]!.gateway!.reference;

    // Stripe withdrew the disputed USD 100.00 as EUR 90.00 (at 0.9) and kept EUR 15.00 for the dispute: its callbacks list that movement each time.
    const withdrawal = { id: `txn_${randomBytes(8).toString('hex')}`, object: 'balance_transaction', amount: -9_000, currency: 'eur', exchange_rate: 0.9, fee: 1_500, net: -10_500, type: 'adjustment', reporting_category: 'dispute' };
    const dispute = { id: `du_${randomBytes(8).toString('hex')}`, object: 'dispute', amount: 10_000, currency: 'usd', charge: 'ch_gateway_side', payment_intent: stripeIntent, reason: 'fraudulent', balance_transactions: [withdrawal] };
    const callback = async (type: string, status: string) => {
      const payload = JSON.stringify({ id: `evt_${randomBytes(8).toString('hex')}`, object: 'event', type, livemode: false, created: Math.floor(Date.now() / 1000), data: { object: { ...dispute, status } } });
      const signature = new Stripe('sk_test_unused').webhooks.generateTestHeaderString({ payload, secret: webhookSecret });
      const answer = await fetch(`${platform!.baseUrl}/v1/callbacks/stripe/${merchant.gatewayAccountId}`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body: payload });
      expect(answer.status).toBe(200);
    };
    await callback('charge.dispute.created', 'needs_response');
    // EUR 15.00 at 0.9 is USD 16.67 (16.666…); with the charge's EUR 3.47 (USD 3.77) Stripe cost USD 20.44.
    const expected = [
      { code: 'fx_conversion', currency: 'eur', balance: 9_200 - 347 - 9_000 - 1_500 },
      { code: 'fx_conversion', currency: 'usd', balance: -10_000 + 377 + 10_000 + 1_667 },
      // Stripe's EUR balance for the payment: 9 200 − 347 − 9 000 − 1 500 = −1 647.
      { code: 'gateway_clearing', currency: 'eur', balance: 1_647 },
      // The merchant's chargeback posting put the USD 100.00 in; the withdrawal's conversion took it out.
      { code: 'gateway_clearing', currency: 'usd', balance: 0 },
      { code: 'gateway_costs:stripe', currency: 'usd', balance: -377 - 1_667 },
    ];
    const sameAs = (rows: LedgerAccountRow[]) => JSON.stringify(rows) === JSON.stringify(expected);
    expect(await fixture.gatewayAccountsOnce(merchant, sameAs)).toEqual(expected);

    // The closing callback lists the same withdrawal: once the dispute reads lost, nothing more was booked.
    await callback('charge.dispute.closed', 'lost');
    const deadline = Date.now() + 30_000;
    const disputeStatus = async () => (await fixture.call<{ data: Array<{ status: string }> }>(`/v1/disputes?payment_intent=${intent.id}`, merchant.secret_key)).body.data[0]?.status;
    while ((await disputeStatus()) !== 'lost' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await disputeStatus()).toBe('lost');
    expect(await fixture.gatewayAccountsOnce(merchant, () => true)).toEqual(expected);
    expect((await fixture.call<CostsBody>('/v1/pricing_plan/costs?currency=usd', token)).body.currencies).toEqual([
      { currency: 'usd', fees: expect.any(Number), gateway_costs: [{ gateway: 'stripe', count: 2, amount: 2_044 }], margin: expect.any(Number) },
    ]);
  });

  it('leaves the ledger balanced in both currencies after the charges, the refund and the dispute (npm run ledger:check)', async () => {
    const output = await fixture.ledgerCheck();
    expect(output).toContain('ledger check passed');
    expect(output).toMatch(/eur: all postings sum to 0/);
    expect(output).toMatch(/usd: all postings sum to 0/);
  });
});
