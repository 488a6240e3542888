import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import Razorpay from 'razorpay';
import razorpayUtils from 'razorpay/dist/utils/razorpay-utils.js';
import type Stripe from 'stripe';
import { createMerchant, stripeClient, WebhookReceiver, type MerchantCredentials } from '@payrail/testing';
import { RazorpaySimulator } from '../apps/gateway-connectors/src/connectors/razorpay/simulator/razorpay-simulator.js';

const baseUrl = process.env.PAYRAIL_TEST_BASE_URL!;
const ARTEFACTS = join(process.cwd(), '.payrail-test-artifacts', 'checkout', process.env.PAYRAIL_TEST_MODE ?? 'embedded');
const CHROMIUM = process.env.PAYRAIL_CHROMIUM ?? '/usr/bin/chromium';
const KEY = { keyId: `rzp_test_Hosted${randomBytes(5).toString('hex')}`, keySecret: randomBytes(16).toString('hex') };
const WEBHOOK_SECRET = randomBytes(16).toString('hex');

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The merchant's site: where success_url and cancel_url lead. */
async function startMerchantSite(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><title>Merchant</title><h1 id="merchant-page">${req.url?.split('?')[0]}</h1>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

/**
 * UPI on the hosted page: Payrail's page posts the order to Razorpay's Hosted Checkout (the simulator's
 * `POST /v1/checkout/embedded`), the customer pays there, and Razorpay posts its signed result back to
 * the page's return route. No Razorpay script is ever loaded on Payrail's page.
 */
describe('UPI through Razorpay Hosted Checkout on the hosted checkout page, in a real Chromium', () => {
  const simulator = new RazorpaySimulator([KEY]);
  let simulatorUrl: string;
  let merchant: MerchantCredentials;
  let stripe: Stripe;
  let receiver: WebhookReceiver;
  let endpointSecret: string;
  let browser: Browser;
  let context: BrowserContext;
  let site: { url: string; server: Server };
  let accountId: string;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTEFACTS, { recursive: true });
    simulatorUrl = await simulator.start();
    merchant = await createMerchant('Mumbai Spices');
    stripe = stripeClient(merchant.secret_key);
    const account = await fetch(`${baseUrl}/v1/gateway_accounts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${merchant.secret_key}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        gateway: 'razorpay',
        'credentials[key_id]': KEY.keyId,
        'credentials[key_secret]': KEY.keySecret,
        'credentials[api_base]': simulatorUrl,
        webhook_secret: WEBHOOK_SECRET,
      }).toString(),
    });
    expect(account.status).toBe(200);
    accountId = ((await account.json()) as { id: string }).id;
    receiver = await WebhookReceiver.start();
    const endpoint = await stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['checkout.session.completed'] });
    endpointSecret = endpoint.secret!;
    site = await startMerchantSite();
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => site.server.close(resolve));
    await receiver?.stop();
    await simulator.stop();
  });
  beforeEach(async () => {
    context = await browser.newContext({ locale: 'en-IN', viewport: { width: 375, height: 740 } });
  });
  afterEach(async () => {
    await context.close();
    expect(cspViolations).toEqual([]);
  });

  async function session(types: string[] = ['upi']): Promise<{ id: string; url: string }> {
    const response = await fetch(`${baseUrl}/v1/checkout/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${merchant.secret_key}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        mode: 'payment',
        'line_items[0][price_data][currency]': 'inr',
        'line_items[0][price_data][unit_amount]': '49900',
        'line_items[0][price_data][product_data][name]': 'Garam masala, 500 g',
        'line_items[0][quantity]': '1',
        ...Object.fromEntries(types.map((type, index) => [`payment_method_types[${index}]`, type])),
        customer_email: 'asha@example.com',
        success_url: `${site.url}/success?session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: `${site.url}/cancel`,
      }).toString(),
    });
    const body = (await response.json()) as { id: string; url: string; error?: unknown };
    expect({ status: response.status, error: body.error ?? null }).toEqual({ status: 200, error: null });
    return body;
  }

  async function open(url: string): Promise<Page> {
    const page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) cspViolations.push(message.text());
    });
    await page.goto(url);
    return page;
  }

  /** The official SDK, pointed at the simulator (it hard-codes Razorpay's host). */
  function razorpaySdk(): Razorpay {
    const client = new Razorpay({ key_id: KEY.keyId, key_secret: KEY.keySecret });
    (client.api as unknown as { rq: { defaults: { baseURL: string } } }).rq.defaults.baseURL = simulatorUrl;
    return client;
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTEFACTS, `${name}.png`), fullPage: true });

  /** Pay with UPI on Payrail's page: the browser lands on Razorpay's (simulated) Hosted Checkout. */
  async function toRazorpay(page: Page): Promise<void> {
    await Promise.all([page.waitForURL(`${simulatorUrl}/v1/checkout/embedded`), page.getByRole('button', { name: /with UPI$/ }).click()]);
    await page.locator('#amount').waitFor();
  }

  async function payAtRazorpay(page: Page, vpa: string): Promise<void> {
    await page.getByLabel('UPI ID').fill(vpa);
    await page.locator('#razorpay-pay').click();
  }

  async function completedEvent(sessionId: string): Promise<Stripe.Event> {
    const verified = () =>
      receiver.accepted('checkout.session.completed').map((delivery) => stripe.webhooks.constructEvent(delivery.body, delivery.headers['payments-signature'] as string, endpointSecret));
    await receiver.waitFor(() => verified().some((event) => (event.data.object as { id: string }).id === sessionId));
    return verified().find((event) => (event.data.object as { id: string }).id === sessionId)!;
  }

  it('pays with UPI at Razorpay and lands on success_url; the merchant gets checkout.session.completed', async () => {
    const created = await session();
    const page = await open(created.url);
    await expect(page.locator('#total').textContent()).resolves.toMatch(/499\.00/);
    await expect(page.locator('#card_number').count()).resolves.toBe(0);
    // The page's weight budget holds with the UPI form: everything inline, nothing from Razorpay.
    const weight = (await page.evaluate(`(() => {
      const navigation = performance.getEntriesByType('navigation')[0];
      return { bytes: navigation.decodedBodySize, resources: performance.getEntriesByType('resource').length };
    })()`)) as { bytes: number; resources: number };
    expect(weight.bytes).toBeLessThan(100_000);
    expect(weight.resources).toBe(0);
    await shot(page, 'razorpay-01-open');

    const [handoff] = await Promise.all([page.waitForResponse((answer) => answer.url().endsWith('/pay')), toRazorpay(page)]);
    // Only the page that posts to Razorpay may send a form there; it loads nothing from Razorpay.
    expect(handoff.headers()['content-security-policy']).toMatch(new RegExp(`form-action 'self' ${simulatorUrl.replace(/[.]/g, '\\.')}`));
    expect(handoff.headers()['content-security-policy']).toContain("script-src 'nonce-");
    await expect(page.locator('#amount').textContent()).resolves.toBe('INR 499.00');
    await shot(page, 'razorpay-02-at-razorpay');

    await Promise.all([page.waitForURL(`${site.url}/success?session_id=${created.id}`, { timeout: 20_000 }), payAtRazorpay(page, 'success@razorpay')]);
    const paid = await stripe.checkout.sessions.retrieve(created.id);
    expect(paid).toMatchObject({ status: 'complete', payment_status: 'paid' });
    const event = await completedEvent(created.id);
    expect(event.data.object).toMatchObject({ id: created.id, payment_status: 'paid', amount_total: 49900, currency: 'inr' });
    const intent = await stripe.paymentIntents.retrieve(paid.payment_intent as string);
    expect(intent.status).toBe('succeeded');
  });

  it('says why when the UPI app declines, and lets the customer pay again on the same order', async () => {
    const created = await session();
    const page = await open(created.url);
    await toRazorpay(page);
    const orderId = await page.locator('input[name="order_id"]').inputValue();
    await payAtRazorpay(page, 'failure@razorpay');
    await page.getByRole('alert').filter({ hasText: 'Your UPI app declined the payment' }).waitFor({ timeout: 20_000 });
    expect(page.url().startsWith(created.url)).toBe(true);
    await shot(page, 'razorpay-03-declined');
    expect(await stripe.checkout.sessions.retrieve(created.id)).toMatchObject({ status: 'open', payment_status: 'unpaid' });

    await toRazorpay(page);
    // The same Razorpay order again: Razorpay lets an order be paid once, so a second payment cannot happen.
    await expect(page.locator('input[name="order_id"]').inputValue()).resolves.toBe(orderId);
    await Promise.all([page.waitForURL(`${site.url}/success?session_id=${created.id}`, { timeout: 20_000 }), payAtRazorpay(page, 'success@razorpay')]);
    expect(await stripe.checkout.sessions.retrieve(created.id)).toMatchObject({ status: 'complete', payment_status: 'paid' });
    const payments = await razorpaySdk().orders.fetchPayments(orderId);
    expect(payments.items.map((payment) => payment.status).sort()).toEqual(['captured', 'failed']);
  });

  it('brings the customer back from Razorpay\'s cancel link to a page that is still payable', async () => {
    const created = await session();
    const page = await open(created.url);
    await toRazorpay(page);
    await Promise.all([page.waitForURL(created.url), page.locator('#razorpay-cancel').click()]);
    await expect(page.getByRole('button', { name: /with UPI$/ }).isVisible()).resolves.toBe(true);
    await shot(page, 'razorpay-04-cancelled');
    expect(await stripe.checkout.sessions.retrieve(created.id)).toMatchObject({ status: 'open', payment_status: 'unpaid' });
    await toRazorpay(page);
    await Promise.all([page.waitForURL(`${site.url}/success?session_id=${created.id}`, { timeout: 20_000 }), payAtRazorpay(page, 'success@razorpay')]);
  });

  it('sends a card routed to Razorpay to Razorpay\'s page rather than take it on Payrail\'s', async () => {
    const created = await session(['card', 'upi']);
    const page = await open(created.url);
    // Cards in INR route to the merchant's Razorpay account: the page has no card field of its own.
    await expect(page.locator('#card_number').count()).resolves.toBe(0);
    await shot(page, 'razorpay-05-card-and-upi');
    await Promise.all([page.waitForURL(`${simulatorUrl}/v1/checkout/embedded`), page.getByRole('button', { name: /by card$/ }).click()]);
    await expect(page.getByLabel('Card', { exact: true }).isChecked()).resolves.toBe(true);
    const orderId = await page.locator('input[name="order_id"]').inputValue();
    await page.getByLabel('Card number').fill('4111 1111 1111 1111');
    await Promise.all([page.waitForURL(`${site.url}/success?session_id=${created.id}`, { timeout: 20_000 }), page.locator('#razorpay-pay').click()]);
    expect(await stripe.checkout.sessions.retrieve(created.id)).toMatchObject({ status: 'complete', payment_status: 'paid' });
    const payments = await razorpaySdk().orders.fetchPayments(orderId);
    expect(payments.items.map((payment) => [payment.method, payment.status])).toEqual([['card', 'captured']]);
  });

  it('refunds in full what the customer pays at Razorpay after the session expired; session, intent and a replayed webhook change nothing', async () => {
    const created = await session();
    const page = await open(created.url);
    await toRazorpay(page);
    // The session expires while the customer is still on Razorpay's page, which still takes the payment.
    expect(await stripe.checkout.sessions.expire(created.id)).toMatchObject({ status: 'expired' });
    const [callback] = await Promise.all([
      page.waitForRequest((request) => request.method() === 'POST' && request.url().endsWith(`/checkout/${created.id}/razorpay`)),
      page.waitForURL(created.url, { timeout: 20_000 }),
      payAtRazorpay(page, 'success@razorpay'),
    ]);
    await shot(page, 'razorpay-06-paid-after-expiry');
    const paymentId = new URLSearchParams(callback.postData() ?? '').get('razorpay_payment_id')!;
    const refunded = await eventually(() => razorpaySdk().payments.fetch(paymentId), (payment) => payment.status === 'refunded');
    expect(refunded).toMatchObject({ status: 'refunded', captured: true, amount: 49900, amount_refunded: 49900, refund_status: 'full' });
    const expired = await stripe.checkout.sessions.retrieve(created.id);
    expect(expired).toMatchObject({ status: 'expired', payment_status: 'unpaid' });
    const intentId = expired.payment_intent as string;
    expect(await stripe.paymentIntents.retrieve(intentId)).toMatchObject({ status: 'canceled', amount_received: 0 });

    // Razorpay's webhook for the payment, then the same delivery replayed: no second refund, nothing else changes.
    const callbackUrl = `${baseUrl}/v1/callbacks/razorpay/${accountId}`;
    const sent = await fetch(`${simulatorUrl}/_simulator/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key_id: KEY.keyId, url: callbackUrl, secret: WEBHOOK_SECRET, event: 'payment.captured', payment_id: paymentId }),
    });
    const delivery = (await sent.json()) as { event_id: string; status: number; signature: string; body: string };
    expect(delivery.status).toBe(200);
    const replay = await fetch(callbackUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-razorpay-signature': delivery.signature, 'x-razorpay-event-id': delivery.event_id },
      body: delivery.body,
    });
    expect(replay.status).toBe(200);
    const refunds = await razorpaySdk().payments.fetchMultipleRefund(paymentId);
    expect(refunds.items.map((refund) => [refund.amount, refund.status, refund.receipt])).toEqual([[49900, 'processed', `late_refund:${paymentId}`]]);
    expect(await stripe.checkout.sessions.retrieve(created.id)).toMatchObject({ status: 'expired', payment_status: 'unpaid' });
    expect(await stripe.paymentIntents.retrieve(intentId)).toMatchObject({ status: 'canceled', amount_received: 0 });
    expect(receiver.accepted('checkout.session.completed').filter((delivered) => delivered.event.data.object.id === created.id)).toHaveLength(0);
  });

  it('takes a replayed callback, or one for another session\'s order, without paying twice or failing', async () => {
    const first = await session();
    const page = await open(first.url);
    await toRazorpay(page);
    const [callback] = await Promise.all([
      page.waitForRequest((request) => request.method() === 'POST' && request.url().endsWith(`/checkout/${first.id}/razorpay`)),
      page.waitForURL(`${site.url}/success?session_id=${first.id}`, { timeout: 20_000 }),
      payAtRazorpay(page, 'success@razorpay'),
    ]);
    const fields = new URLSearchParams(callback.postData() ?? '');
    expect([...fields.keys()].sort()).toEqual(['razorpay_order_id', 'razorpay_payment_id', 'razorpay_signature']);
    // The signature is Razorpay's documented one: the official SDK verifies it.
    const signed = { order_id: fields.get('razorpay_order_id')!, payment_id: fields.get('razorpay_payment_id')! };
    expect(razorpayUtils.validatePaymentVerification(signed, fields.get('razorpay_signature')!, KEY.keySecret)).toBe(true);

    const post = (sessionId: string, body: URLSearchParams) =>
      fetch(`${baseUrl}/checkout/${sessionId}/razorpay`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() });
    const replayed = await post(first.id, fields);
    expect({ status: replayed.status, location: replayed.headers.get('location') }).toEqual({ status: 303, location: `${site.url}/success?session_id=${first.id}` });

    // The same signed result posted to another open session whose order it is not: nothing is paid there.
    const second = await session();
    const other = await open(second.url);
    await toRazorpay(other);
    const misplaced = await post(second.id, fields);
    expect({ status: misplaced.status, location: misplaced.headers.get('location') }).toEqual({ status: 303, location: `/checkout/${second.id}?razorpay=unverified` });
    const forged = new URLSearchParams({ razorpay_order_id: await other.locator('input[name="order_id"]').inputValue(), razorpay_payment_id: 'pay_forged000001', razorpay_signature: 'f'.repeat(64) });
    expect((await post(second.id, forged)).status).toBe(303);
    expect(await stripe.checkout.sessions.retrieve(second.id)).toMatchObject({ status: 'open', payment_status: 'unpaid' });
    // A failure Razorpay reports, and a body that is not Razorpay's at all, are redirects too.
    const failure = await post(second.id, new URLSearchParams({ 'error[code]': 'BAD_REQUEST_ERROR', 'error[reason]': 'payment_cancelled', 'error[description]': '<b>call +1 555</b>' }));
    expect({ status: failure.status, location: failure.headers.get('location') }).toEqual({ status: 303, location: `/checkout/${second.id}?razorpay=payment_cancelled` });
    expect((await post(second.id, new URLSearchParams({ anything: 'else' }))).status).toBe(303);
    expect((await post('cs_nosuchsession', fields)).status).toBe(404);

    const page2 = await open(`${second.url}?razorpay=unverified`);
    await expect(page2.getByRole('alert').textContent()).resolves.toContain('could not be verified');
    expect(receiver.accepted('checkout.session.completed').filter((delivery) => delivery.event.data.object.id === first.id)).toHaveLength(1);
  });
});
