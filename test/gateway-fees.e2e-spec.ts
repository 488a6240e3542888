import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { promisify } from 'node:util';
import {
  createMerchant,
  createOperatorClient,
  isolatedRuntimeEnv,
  startAllInOne,
  startStripeMock,
  stopProcess,
  stripeClient,
  type CommandTarget,
  type MerchantCredentials,
  type PlatformUnderTest,
  type StripeMock,
} from '@payrail/testing';
import { RazorpaySimulator } from '../apps/gateway-connectors/src/connectors/razorpay/simulator/razorpay-simulator.js';

const run = promisify(execFile);
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

/**
 * stripe-mock in front, with the one thing it cannot do: it is stateless, so every PaymentIntent it answers
 * is its fixture (`requires_payment_method`) and every balance transaction has no fee. Each request still
 * reaches stripe-mock, which validates it against Stripe's OpenAPI document (strict version check) and
 * shapes the answer; only the answer to a confirming create for automatic capture is made what Stripe
 * answers for a card that pays: `succeeded`, its charge captured, its balance transaction carrying Stripe's fee.
 */
async function startPayingStripe(mock: StripeMock): Promise<{ url: string; server: Server }> {
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
        if (answer.status === 200 && req.method === 'POST' && req.url === '/v1/payment_intents' && form.get('confirm') === 'true' && form.get('capture_method') === 'automatic') {
          const intent = JSON.parse(text) as StripeIntentJson;
          const amount = Number(form.get('amount'));
          const currency = form.get('currency')!;
          intent.status = 'succeeded';
          if (typeof intent.latest_charge === 'object' && intent.latest_charge !== null) {
            const fee = stripeFee(amount);
            Object.assign(intent.latest_charge, { amount, currency, captured: true });
            intent.latest_charge.balance_transaction = {
              ...(typeof intent.latest_charge.balance_transaction === 'object' ? intent.latest_charge.balance_transaction : {}),
              amount,
              currency,
              fee,
              fee_details: [{ amount: fee, currency, type: 'stripe_fee', application: null, description: 'Stripe processing fees' }],
              net: amount - fee,
            };
          }
          text = JSON.stringify(intent);
        }
        res.writeHead(answer.status, { 'content-type': 'application/json', ...(answer.headers.get('idempotency-key') ? { 'idempotency-key': answer.headers.get('idempotency-key')! } : {}) }).end(text);
      })().catch((error: unknown) => res.writeHead(502).end(String(error)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

interface CostsBody {
  object?: string;
  currencies?: Array<{ currency: string; fees: number; gateway_costs: Array<{ gateway: string; count: number; amount: number }>; margin: number }>;
}

/**
 * The gateways' fees reach the operator's view: a card payment through Stripe (stripe-mock) and a card
 * payment through Razorpay (its simulator) each show what the gateway kept, beside what the merchant paid
 * Payrail, at `GET /v1/pricing_plan/costs`, and the ledger still balances.
 */
describe("gateways' fees in the operator's costs", () => {
  let stripeMock: StripeMock;
  let stripe: { url: string; server: Server };
  const razorpay = new RazorpaySimulator([RAZORPAY_KEY]);
  let razorpayUrl: string;
  let platform: (PlatformUnderTest & { dataDir: string }) | undefined;
  let target: CommandTarget;

  beforeAll(async () => {
    [stripeMock, razorpayUrl] = await Promise.all([startStripeMock(), razorpay.start()]);
    stripe = await startPayingStripe(stripeMock);
    platform = await startAllInOne('platform-gateway-fees', { ...(await isolatedRuntimeEnv('fees')), PAYRAIL_STRIPE_API_BASE: stripe.url });
    target = { databaseUrl: platform.databaseUrl, env: platform.env };
  }, 120_000);

  afterAll(async () => {
    if (platform) await Promise.all(platform.processes.map((child) => stopProcess(child)));
    await new Promise((resolve) => stripe?.server.close(resolve));
    await Promise.all([stripeMock?.stop(), razorpay.stop()]);
  });

  const call = async <T>(path: string, bearer: string, form?: Record<string, string>): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${platform!.baseUrl}${path}`, {
      method: form ? 'POST' : 'GET',
      headers: { authorization: `Bearer ${bearer}`, ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    return { status: response.status, body: (await response.json()) as T };
  };

  async function operatorToken(merchant: MerchantCredentials): Promise<string> {
    const client = await createOperatorClient(merchant.merchant_id, target);
    const form = { grant_type: 'client_credentials', client_id: client.client_id, client_secret: client.client_secret, scope: 'pricing:manage' };
    const answer = await call<{ access_token?: string }>('/oauth/token', '', form);
    if (!answer.body.access_token) throw new Error(`no operator token: ${JSON.stringify(answer.body)}`);
    return answer.body.access_token;
  }

  /** The costs view once the gateway's fee is booked (events arrive asynchronously). */
  async function costsOnceBooked(token: string, currency: string): Promise<CostsBody> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const answer = await call<CostsBody>(`/v1/pricing_plan/costs?currency=${currency}`, token);
      expect(answer.status).toBe(200);
      if ((answer.body.currencies?.[0]?.gateway_costs.length ?? 0) > 0 || Date.now() > deadline) return answer.body;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  async function merchantFees(merchant: MerchantCredentials, paymentIntent: string): Promise<number> {
    const sdk = stripeClient(merchant.secret_key, platform!.baseUrl);
    const charges = await sdk.charges.list({ payment_intent: paymentIntent, expand: ['data.balance_transaction'] });
    const transaction = charges.data[0]?.balance_transaction;
    if (typeof transaction !== 'object' || transaction === null) throw new Error('the charge has no balance transaction');
    return transaction.fee;
  }

  it("shows a Stripe payment's fee, from its balance transaction, against the merchant's price", async () => {
    const merchant = await createMerchant('Fees Through Stripe', { target });
    const account = await call<{ id?: string }>('/v1/gateway_accounts', merchant.secret_key, { gateway: 'stripe', 'credentials[secret_key]': `sk_test_${randomBytes(12).toString('hex')}` });
    expect(account.status).toBe(200);
    const sdk = stripeClient(merchant.secret_key, platform!.baseUrl);
    const intent = await sdk.paymentIntents.create({ amount: 2500, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
    expect(intent.status).toBe('succeeded');

    const costs = await costsOnceBooked(await operatorToken(merchant), 'usd');
    // The merchant's price (the default, 2.9% + 30) is the ledger's; Stripe's fee is what Stripe kept.
    const fees = await merchantFees(merchant, intent.id);
    expect(costs).toEqual({ object: 'pricing_costs', created: expect.any(Object), livemode: false, currencies: [{ currency: 'usd', fees, gateway_costs: [{ gateway: 'stripe', count: 1, amount: stripeFee(2500) }], margin: fees - stripeFee(2500) }] });
  });

  it("shows a Razorpay payment's fee, GST included, against the merchant's price", async () => {
    const merchant = await createMerchant('Fees Through Razorpay', { target });
    const account = await call<{ id?: string }>('/v1/gateway_accounts', merchant.secret_key, {
      gateway: 'razorpay',
      'credentials[key_id]': RAZORPAY_KEY.keyId,
      'credentials[key_secret]': RAZORPAY_KEY.keySecret,
      'credentials[api_base]': razorpayUrl,
    });
    expect(account.status).toBe(200);
    type Intent = { id: string; status: string; next_action?: { razorpay_checkout?: { order_id: string } } | null };
    const created = await call<Intent>('/v1/payment_intents', merchant.secret_key, { amount: '49900', currency: 'inr', payment_method: 'pm_card_visa', confirm: 'true' });
    expect(created.body.status).toBe('requires_action');
    const orderId = created.body.next_action!.razorpay_checkout!.order_id;
    const paid = (await (
      await fetch(`${razorpayUrl}/_simulator/checkout`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key_id: RAZORPAY_KEY.keyId, order_id: orderId, method: 'card' }) })
    ).json()) as { razorpay_payment_id: string; razorpay_signature: string };
    const done = await call<Intent>(`/v1/payment_intents/${created.body.id}/confirm`, merchant.secret_key, { razorpay_payment_id: paid.razorpay_payment_id, razorpay_signature: paid.razorpay_signature });
    expect(done.body.status).toBe('succeeded');

    const costs = await costsOnceBooked(await operatorToken(merchant), 'inr');
    // Razorpay's fee includes its 18% GST: 2% of ₹499 is 998 paise, plus 180.
    const fees = await merchantFees(merchant, created.body.id);
    expect(costs.currencies).toEqual([{ currency: 'inr', fees, gateway_costs: [{ gateway: 'razorpay', count: 1, amount: 1178 }], margin: fees - 1178 }]);
  });

  it('leaves the ledger balanced (npm run ledger:check)', async () => {
    const { stdout } = await run(process.execPath, ['scripts/ledger-check.mjs'], { env: { ...process.env, DATABASE_URL: platform!.databaseUrl } });
    expect(stdout).toContain('ledger check passed');
    expect(stdout).toMatch(/inr: all postings sum to 0/);
    expect(stdout).toMatch(/usd: all postings sum to 0/);
  });
});
