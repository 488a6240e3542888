import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type Stripe from 'stripe';
import { createMerchant, stripeClient, type MerchantCredentials } from '@payrail/testing';
import { DarajaSimulator } from '../apps/gateway-connectors/src/connectors/mpesa/simulator/daraja-simulator.js';
import { TEST_PHONES } from '../apps/gateway-connectors/src/connectors/mpesa/simulator/test-phones.js';

const baseUrl = process.env.PAYRAIL_TEST_BASE_URL!;
const ARTEFACTS = join(process.cwd(), '.payrail-test-artifacts', 'checkout', process.env.PAYRAIL_TEST_MODE ?? 'embedded');
const CHROMIUM = process.env.PAYRAIL_CHROMIUM ?? '/usr/bin/chromium';
const ACCOUNT = { consumerKey: `ck${randomBytes(8).toString('hex')}`, consumerSecret: `cs${randomBytes(12).toString('hex')}`, shortcode: '174379', passkey: randomBytes(24).toString('hex') };

/** The merchant's site: where success_url and cancel_url lead. */
async function startMerchantSite(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><title>Merchant</title><h1 id="merchant-page">${req.url?.split('?')[0]}</h1>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

describe('M-Pesa on the hosted checkout page, in a real Chromium', () => {
  // The prompt is answered 1.5 s after it is sent, so that the page's "check your phone" state can be seen.
  const simulator = new DarajaSimulator([ACCOUNT], { callbackDelayMs: 1500 });
  let merchant: MerchantCredentials;
  let stripe: Stripe;
  let browser: Browser;
  let context: BrowserContext;
  let site: { url: string; server: Server };
  const merchantName = 'Nairobi Books';
  const cspViolations: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTEFACTS, { recursive: true });
    const simulatorUrl = await simulator.start();
    merchant = await createMerchant(merchantName);
    stripe = stripeClient(merchant.secret_key);
    const account = await fetch(`${baseUrl}/v1/gateway_accounts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${merchant.secret_key}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        gateway: 'mpesa',
        'credentials[consumer_key]': ACCOUNT.consumerKey,
        'credentials[consumer_secret]': ACCOUNT.consumerSecret,
        'credentials[shortcode]': ACCOUNT.shortcode,
        'credentials[passkey]': ACCOUNT.passkey,
        'credentials[environment]': 'sandbox',
        'credentials[api_base]': simulatorUrl,
      }).toString(),
    });
    expect(account.status).toBe(200);
    site = await startMerchantSite();
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => site.server.close(resolve));
    await simulator.stop();
  });
  beforeEach(async () => {
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 375, height: 740 } });
  });
  afterEach(async () => {
    await context.close();
    expect(cspViolations).toEqual([]);
  });

  /** Created with a plain form post: the installed `stripe` SDK's types no longer name payment_method_types. */
  async function session(): Promise<{ id: string; url: string }> {
    const response = await fetch(`${baseUrl}/v1/checkout/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${merchant.secret_key}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        mode: 'payment',
        'line_items[0][price_data][currency]': 'kes',
        'line_items[0][price_data][unit_amount]': '150000',
        'line_items[0][price_data][product_data][name]': 'Kiswahili dictionary',
        'line_items[0][quantity]': '1',
        'payment_method_types[0]': 'mpesa',
        customer_email: 'wanjiru@example.com',
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

  const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTEFACTS, `${name}.png`), fullPage: true });

  async function payWithPhone(page: Page, phone: string): Promise<void> {
    await page.getByLabel('M-Pesa phone number').fill(phone);
    await page.getByRole('button', { name: /with M-Pesa$/ }).click();
    await page.getByRole('heading', { name: 'Check your phone' }).waitFor();
  }

  it('asks for the phone, shows "check your phone" live, and lands on success_url once the customer pays', async () => {
    const created = await session();
    const page = await open(created.url);
    await expect(page.locator('#total').textContent()).resolves.toMatch(/1,500\.00/);
    await shot(page, 'mpesa-01-open');
    await Promise.all([page.waitForURL(`${site.url}/success?session_id=${created.id}`, { timeout: 20_000 }), payWithPhone(page, '0708 374 149')]);
    expect(await stripe.checkout.sessions.retrieve(created.id)).toMatchObject({ status: 'complete', payment_status: 'paid' });
  });

  it('keeps the waiting state while the prompt is out, under a CSP that lets the page reach only the edge\'s socket', async () => {
    const created = await session();
    const page = await open(created.url);
    const [response] = await Promise.all([page.waitForResponse((answer) => answer.url().endsWith('/pay')), payWithPhone(page, '0708374149')]);
    const csp = response.headers()['content-security-policy']!;
    expect(csp).toContain(`connect-src ${baseUrl.replace(/^http/, 'ws')}`);
    expect(csp).toContain("default-src 'none'");
    await expect(page.locator('#mpesa-message').textContent()).resolves.toContain('ending in 4149');
    await shot(page, 'mpesa-02-check-your-phone');
    await page.waitForURL(`${site.url}/success?session_id=${created.id}`, { timeout: 20_000 });
  });

  it.each([
    ['cancels the prompt', TEST_PHONES.cancelled, 'The customer cancelled the M-Pesa payment request on their phone.'],
    ['does not answer in time', TEST_PHONES.timedOut, "The customer's phone could not be reached, or the M-Pesa prompt was not answered in time."],
  ])('says so clearly when the customer %s, and lets them try again', async (_, phone, message) => {
    const created = await session();
    const page = await open(created.url);
    await payWithPhone(page, phone);
    await page.getByRole('alert').filter({ hasText: message }).waitFor({ timeout: 20_000 });
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Payment not completed');
    await shot(page, `mpesa-03-${phone}`);
    await page.getByRole('link', { name: 'Try again' }).click();
    await expect(page.getByLabel('M-Pesa phone number').isVisible()).resolves.toBe(true);
    expect(await stripe.checkout.sessions.retrieve(created.id)).toMatchObject({ status: 'open', payment_status: 'unpaid' });
  });

  it('refuses a number that is not an M-Pesa one on the page itself', async () => {
    const created = await session();
    const page = await open(created.url);
    await page.getByLabel('M-Pesa phone number').fill('12');
    await page.getByRole('button', { name: /with M-Pesa$/ }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Enter an M-Pesa number');
  });
});
