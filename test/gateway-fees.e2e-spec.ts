import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import {
  createMerchant,
  isolatedRuntimeEnv,
  startAllInOne,
  startStripeMock,
  stopProcess,
  stripeClient,
  type CommandTarget,
  type PlatformUnderTest,
  type StripeMock,
} from '@payrail/testing';
import { RazorpaySimulator } from '../apps/gateway-connectors/src/connectors/razorpay/simulator/razorpay-simulator.js';
import { operatorCostsFixture, type CostsBody, type OperatorCostsFixture } from './operator-costs-fixture.js';

const RAZORPAY_KEY = { keyId: `rzp_test_Fees${randomBytes(5).toString('hex')}`, keySecret: randomBytes(16).toString('hex') };

/** Stripe's standard price for a domestic card (2.9% + 30¢): what the scripted balance transaction says Stripe kept. */
const stripeFee = (amount: number) => Math.round(amount * 0.029) + 30;

interface StripeIntentJson {
  object?: string;
  status?: string;
  amount?: number;
  currency?: string;
  latest_charge?: { amount?: number; currency?: string; captured?: boolean; balance_transaction?: Record<string, unknown> | string | null } | string | null;
}

/** Amounts whose charge Stripe has not accounted when the PaymentIntent answers: their fee comes later. */
const AWAITED_FEE_AMOUNTS = new Set([3100, 4100]);

interface StripeChargeJson {
  id?: string;
  amount?: number;
  currency?: string;
  captured?: boolean;
  balance_transaction?: Record<string, unknown> | string | null;
}

/** What the scripted Stripe knows beyond stripe-mock: the charges whose fee it accounts late, and who asked about them. */
interface PayingStripe {
  url: string;
  server: Server;
  /** By amount: the charge whose balance transaction was still to come when its payment answered. */
  awaitedCharges: Map<number, string>;
  /** Every `GET /v1/charges/{id}`, by charge id: how many times it was asked. */
  chargeRetrieves: Map<string, number>;
}

function withFee(existing: StripeChargeJson['balance_transaction'], amount: number, currency: string): Record<string, unknown> {
  const fee = stripeFee(amount);
  return {
    ...(typeof existing === 'object' ? existing : {}),
    amount,
    currency,
    fee,
    fee_details: [{ amount: fee, currency, type: 'stripe_fee', application: null, description: 'Stripe processing fees' }],
    net: amount - fee,
  };
}

/**
 * stripe-mock in front, with the one thing it cannot do: it is stateless, so every PaymentIntent it answers
 * is its fixture (`requires_payment_method`) and every balance transaction has no fee. Each request still
 * reaches stripe-mock, which validates it against Stripe's OpenAPI document (strict version check) and
 * shapes the answer; only the answer to a confirming create for automatic capture is made what Stripe
 * answers for a card that pays: `succeeded`, its charge captured, its balance transaction carrying Stripe's fee.
 * For the amounts of AWAITED_FEE_AMOUNTS the charge (its own id) has `balance_transaction: null`, as Stripe
 * answers before it has accounted the funds; retrieving that charge answers null once more, then the
 * balance transaction with the fee.
 */
async function startPayingStripe(mock: StripeMock): Promise<PayingStripe> {
  const awaitedCharges = new Map<number, string>();
  const awaited = new Map<string, { amount: number; currency: string }>();
  const chargeRetrieves = new Map<string, number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks).toString();
        const headers = Object.fromEntries(Object.entries(req.headers).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0] !== 'host' && entry[0] !== 'content-length'));
        const answer = await fetch(`${mock.url}${req.url}`, { method: req.method, headers, ...(req.method === 'POST' ? { body } : {}) });
        let text = await answer.text();
        const form = new URLSearchParams(body);
        const url = new URL(req.url!, 'http://stripe');
        if (answer.status === 200 && req.method === 'POST' && url.pathname === '/v1/payment_intents' && form.get('confirm') === 'true' && form.get('capture_method') === 'automatic') {
          const intent = JSON.parse(text) as StripeIntentJson;
          const amount = Number(form.get('amount'));
          const currency = form.get('currency')!;
          intent.status = 'succeeded';
          if (typeof intent.latest_charge === 'object' && intent.latest_charge !== null) {
            Object.assign(intent.latest_charge, { amount, currency, captured: true });
            if (AWAITED_FEE_AMOUNTS.has(amount)) {
              const id = `ch_awaited${randomBytes(6).toString('hex')}`;
              Object.assign(intent.latest_charge, { id, balance_transaction: null });
              awaitedCharges.set(amount, id);
              awaited.set(id, { amount, currency });
            } else {
              intent.latest_charge.balance_transaction = withFee(intent.latest_charge.balance_transaction, amount, currency);
            }
          }
          text = JSON.stringify(intent);
        }
        const retrieved = req.method === 'GET' ? /^\/v1\/charges\/([^/]+)$/.exec(url.pathname)?.[1] : undefined;
        if (retrieved) {
          const asked = (chargeRetrieves.get(retrieved) ?? 0) + 1;
          chargeRetrieves.set(retrieved, asked);
          const late = awaited.get(retrieved);
          if (answer.status === 200 && late) {
            const charge = JSON.parse(text) as StripeChargeJson;
            Object.assign(charge, { id: retrieved, amount: late.amount, currency: late.currency, captured: true });
            charge.balance_transaction = asked === 1 ? null : withFee(charge.balance_transaction, late.amount, late.currency);
            text = JSON.stringify(charge);
          }
        }
        res.writeHead(answer.status, { 'content-type': 'application/json', ...(answer.headers.get('idempotency-key') ? { 'idempotency-key': answer.headers.get('idempotency-key')! } : {}) }).end(text);
      })().catch((error: unknown) => res.writeHead(502).end(String(error)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server, awaitedCharges, chargeRetrieves };
}

/**
 * The gateways' fees reach the operator's view: a card payment through Stripe (stripe-mock) and a card
 * payment through Razorpay (its simulator) each show what the gateway kept, beside what the merchant paid
 * Payrail, at `GET /v1/pricing_plan/costs`, and the ledger still balances.
 */
describe("gateways' fees in the operator's costs", () => {
  let stripeMock: StripeMock;
  let stripe: PayingStripe;
  const razorpay = new RazorpaySimulator([RAZORPAY_KEY]);
  let razorpayUrl: string;
  let platform: (PlatformUnderTest & { dataDir: string }) | undefined;
  let target: CommandTarget;
  let fixture: OperatorCostsFixture;

  beforeAll(async () => {
    [stripeMock, razorpayUrl] = await Promise.all([startStripeMock(), razorpay.start()]);
    stripe = await startPayingStripe(stripeMock);
    // The fee backfill on a short interval, so that a fee Stripe accounts late is asked for again within a second.
    platform = await startAllInOne('platform-gateway-fees', { ...(await isolatedRuntimeEnv('fees')), PAYRAIL_STRIPE_API_BASE: stripe.url, PAYRAIL_GATEWAY_FEE_BACKFILL_INTERVAL_MS: '300' });
    target = { databaseUrl: platform.databaseUrl, env: platform.env };
    fixture = operatorCostsFixture(platform.baseUrl, target);
  }, 120_000);

  afterAll(async () => {
    if (platform) await Promise.all(platform.processes.map((child) => stopProcess(child)));
    await new Promise((resolve) => stripe?.server.close(resolve));
    await Promise.all([stripeMock?.stop(), razorpay.stop()]);
  });

  it("shows a Stripe payment's fee, from its balance transaction, against the merchant's price", async () => {
    const merchant = await fixture.stripeMerchant('Fees Through Stripe');
    const sdk = stripeClient(merchant.secret_key, platform!.baseUrl);
    const intent = await sdk.paymentIntents.create({ amount: 2500, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
    expect(intent.status).toBe('succeeded');

    const costs = await fixture.costsOnceBooked(await fixture.operatorToken(merchant), 'usd');
    // The merchant's price (the default, 2.9% + 30) is the ledger's; Stripe's fee is what Stripe kept.
    const fees = (await fixture.balanceTransactionOf(merchant, intent.id)).fee;
    expect(costs).toEqual({ object: 'pricing_costs', created: expect.any(Object), livemode: false, currencies: [{ currency: 'usd', fees, gateway_costs: [{ gateway: 'stripe', count: 1, amount: stripeFee(2500) }], margin: fees - stripeFee(2500) }] });
  });

  it("books a Stripe fee accounted after the payment answered once the backfill finds it, and never again", async () => {
    const merchant = await fixture.stripeMerchant('Fees Stripe Accounts Later');
    const intent = await stripeClient(merchant.secret_key, platform!.baseUrl).paymentIntents.create({ amount: 3100, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
    expect(intent.status).toBe('succeeded');
    const charge = stripe.awaitedCharges.get(3100)!;

    // Stripe had no balance transaction when the payment answered, nor at the first check: the second finds the fee.
    const token = await fixture.operatorToken(merchant);
    const costs = await fixture.costsOnceBooked(token, 'usd');
    const fees = (await fixture.balanceTransactionOf(merchant, intent.id)).fee;
    expect(costs.currencies).toEqual([{ currency: 'usd', fees, gateway_costs: [{ gateway: 'stripe', count: 1, amount: stripeFee(3100) }], margin: fees - stripeFee(3100) }]);
    expect(stripe.chargeRetrieves.get(charge)).toBe(2);

    // Later passes of the backfill (one of them books another merchant's late fee) ask nothing more and book nothing more.
    const later = await fixture.stripeMerchant('Fees Stripe Accounts Later Too');
    await stripeClient(later.secret_key, platform!.baseUrl).paymentIntents.create({ amount: 4100, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
    expect((await fixture.costsOnceBooked(await fixture.operatorToken(later), 'usd')).currencies?.[0]?.gateway_costs).toEqual([{ gateway: 'stripe', count: 1, amount: stripeFee(4100) }]);
    expect((await fixture.call<CostsBody>('/v1/pricing_plan/costs?currency=usd', token)).body.currencies).toEqual(costs.currencies);
    expect(stripe.chargeRetrieves.get(charge)).toBe(2);
    // Only charges whose fee was awaited are ever retrieved: a fee that came with the payment is not asked about.
    expect([...stripe.chargeRetrieves.keys()].sort()).toEqual([...stripe.awaitedCharges.values()].sort());
  });

  it("shows a Razorpay payment's fee, GST included, against the merchant's price", async () => {
    const merchant = await createMerchant('Fees Through Razorpay', { target });
    const account = await fixture.call<{ id?: string }>('/v1/gateway_accounts', merchant.secret_key, {
      gateway: 'razorpay',
      'credentials[key_id]': RAZORPAY_KEY.keyId,
      'credentials[key_secret]': RAZORPAY_KEY.keySecret,
      'credentials[api_base]': razorpayUrl,
    });
    expect(account.status).toBe(200);
    type Intent = { id: string; status: string; next_action?: { razorpay_checkout?: { order_id: string } } | null };
    const created = await fixture.call<Intent>('/v1/payment_intents', merchant.secret_key, { amount: '49900', currency: 'inr', payment_method: 'pm_card_visa', confirm: 'true' });
    expect(created.body.status).toBe('requires_action');
    const orderId = created.body.next_action!.razorpay_checkout!.order_id;
    const paid = (await (
      await fetch(`${razorpayUrl}/_simulator/checkout`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key_id: RAZORPAY_KEY.keyId, order_id: orderId, method: 'card' }) })
    ).json()) as { razorpay_payment_id: string; razorpay_signature: string };
    const done = await fixture.call<Intent>(`/v1/payment_intents/${created.body.id}/confirm`, merchant.secret_key, { razorpay_payment_id: paid.razorpay_payment_id, razorpay_signature: paid.razorpay_signature });
    expect(done.body.status).toBe('succeeded');

    const costs = await fixture.costsOnceBooked(await fixture.operatorToken(merchant), 'inr');
    // Razorpay's fee includes its 18% GST: 2% of ₹499 is 998 paise, plus 180.
    const fees = (await fixture.balanceTransactionOf(merchant, created.body.id)).fee;
    expect(costs.currencies).toEqual([{ currency: 'inr', fees, gateway_costs: [{ gateway: 'razorpay', count: 1, amount: 1178 }], margin: fees - 1178 }]);
  });

  it('leaves the ledger balanced (npm run ledger:check)', async () => {
    const stdout = await fixture.ledgerCheck();
    expect(stdout).toContain('ledger check passed');
    expect(stdout).toMatch(/inr: all postings sum to 0/);
    expect(stdout).toMatch(/usd: all postings sum to 0/);
  });
});
