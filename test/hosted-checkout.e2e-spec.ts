import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import Stripe from 'stripe';
import { createMerchant, stripeClient } from '@payrail/testing';

/** Screenshots of every page state, kept as test artefacts (git-ignored). */
const ARTEFACTS = join(process.cwd(), '.payrail-test-artifacts', 'checkout', process.env.PAYRAIL_TEST_MODE ?? 'embedded');
const CHROMIUM = process.env.PAYRAIL_CHROMIUM ?? '/usr/bin/chromium';

/** The merchant's site: where success_url and cancel_url lead. */
async function startMerchantSite(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><title>Merchant</title><h1 id="merchant-page">${req.url?.split('?')[0]}</h1>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

describe('the hosted checkout page in a real Chromium', () => {
  let stripe: Stripe;
  let browser: Browser;
  let context: BrowserContext;
  let site: { url: string; server: Server };
  const merchantName = 'Browser Spec Shop';
  const cspViolations: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTEFACTS, { recursive: true });
    const merchant = await createMerchant(merchantName);
    stripe = stripeClient(merchant.secret_key);
    site = await startMerchantSite();
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => site.server.close(resolve));
  });
  beforeEach(async () => {
    context = await browser.newContext({ locale: 'en-US' });
  });
  afterEach(async () => {
    await context.close();
    expect(cspViolations).toEqual([]);
  });

  const session = (extra: Partial<Stripe.Checkout.SessionCreateParams> = {}) =>
    stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [
        { price_data: { currency: 'usd', unit_amount: 2500, product_data: { name: 'Wireless Mouse', description: 'Silent clicks' } }, quantity: 1 },
        { price_data: { currency: 'usd', unit_amount: 1500, product_data: { name: 'Mouse pad' } }, quantity: 2 },
      ],
      success_url: `${site.url}/success?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${site.url}/cancel`,
      ...extra,
    });

  async function open(url: string): Promise<Page> {
    const page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) cspViolations.push(message.text());
    });
    await page.goto(url);
    return page;
  }

  async function fillCard(page: Page, number: string, email?: string): Promise<void> {
    if (email) await page.getByLabel('Email').fill(email);
    await page.getByLabel('Card number').fill('');
    await page.getByLabel('Card number').pressSequentially(number);
    await page.getByLabel('Expiry (MM / YY)').fill('');
    await page.getByLabel('Expiry (MM / YY)').pressSequentially('1234');
    await page.getByLabel('Security code (CVC)').fill('123');
    await page.getByLabel('Name on card').fill('Jenny Rosen');
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTEFACTS, `${name}.png`), fullPage: true });

  it('pays with 4242 and lands on success_url; the page is light and quick', async () => {
    const created = await session();
    const page = await open(created.url!);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(`Pay ${merchantName}`);
    await expect(page.locator('#total').textContent()).resolves.toBe('$55.00');
    await expect(page.locator('ul.items').textContent()).resolves.toContain('Qty 2 × $15.00');

    // Evaluated in the page (browser types are not in this project's lib): the navigation's own timing entry.
    const timing = (await page.evaluate(`(() => {
      const navigation = performance.getEntriesByType('navigation')[0];
      return { bytes: navigation.transferSize || navigation.encodedBodySize, decodedBytes: navigation.decodedBodySize, interactiveMs: navigation.domInteractive, loadedMs: navigation.loadEventEnd };
    })()`)) as { bytes: number; decodedBytes: number; interactiveMs: number; loadedMs: number };
    const resources = (await page.evaluate('performance.getEntriesByType("resource").length')) as number;
    writeFileSync(join(ARTEFACTS, 'page-metrics.json'), JSON.stringify({ ...timing, resources }, null, 2));
    console.log(`[checkout page] ${timing.decodedBytes} bytes (${timing.bytes} transferred), interactive after ${Math.round(timing.interactiveMs)} ms, loaded after ${Math.round(timing.loadedMs)} ms, ${resources} sub-resources`);
    expect(resources).toBe(0);
    expect(timing.decodedBytes).toBeLessThan(100_000);
    await shot(page, '01-open');

    await fillCard(page, '4242424242424242', 'jenny@example.com');
    // The page's own script (allowed by the CSP nonce) groups the digits.
    await expect(page.getByLabel('Card number').inputValue()).resolves.toBe('4242 4242 4242 4242');
    await shot(page, '02-filled');
    await Promise.all([page.waitForURL(`${site.url}/success?session_id=${created.id}`), page.getByRole('button', { name: 'Pay $55.00' }).click()]);
    await shot(page, '03-success-url');
    expect(await stripe.checkout.sessions.retrieve(created.id)).toMatchObject({ status: 'complete', payment_status: 'paid' });

    // Back to the page: it says the order is paid and offers no form.
    await page.goBack();
    await page.goto(created.url!);
    await expect(page.locator('#status-heading').textContent()).resolves.toBe('Payment complete');
    expect(await page.locator('form').count()).toBe(0);
    await shot(page, '04-already-paid');
  });

  it('shows a decline, then takes a good card; a double click pays once', async () => {
    const created = await session();
    const page = await open(created.url!);
    await fillCard(page, '4000000000000002', 'decline@example.com');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: /^Pay/ }).click()]);
    await expect(page.getByRole('alert').textContent()).resolves.toBe('Your card was declined.');
    await expect(page.getByLabel('Card number').inputValue()).resolves.toBe('');
    await shot(page, '05-declined');

    // The email given with the first attempt is kept for the receipt.
    await expect(page.locator('#pay-form').textContent()).resolves.toContain('Receipt to decline@example.com');
    await fillCard(page, '4242424242424242');
    await Promise.all([page.waitForURL(/\/success\?/), page.getByRole('button', { name: /^Pay/ }).dblclick()]);
    const after = await stripe.checkout.sessions.retrieve(created.id);
    expect(after).toMatchObject({ status: 'complete', payment_status: 'paid' });
    const charges = await stripe.charges.list({ payment_intent: after.payment_intent as string });
    expect(charges.data.map((charge) => charge.status).sort()).toEqual(['failed', 'succeeded']);
  });

  it('asks for 3-D Secure when the card does, then completes', async () => {
    const created = await session();
    const page = await open(created.url!);
    await fillCard(page, '4000002760003184', 'secure@example.com');
    await Promise.all([page.waitForURL(/\/v1\/3ds\//), page.getByRole('button', { name: /^Pay/ }).click()]);
    await shot(page, '06-three-d-secure');
    await Promise.all([page.waitForURL(/\/success\?/), page.getByRole('button', { name: 'Complete authentication' }).click()]);
    expect(await stripe.checkout.sessions.retrieve(created.id)).toMatchObject({ status: 'complete', payment_status: 'paid' });
  });

  it('goes back to the merchant through the cancel link, charging nothing', async () => {
    const created = await session();
    const page = await open(created.url!);
    await Promise.all([page.waitForURL(`${site.url}/cancel`), page.getByRole('link', { name: `Cancel and return to ${merchantName}` }).click()]);
    expect(await stripe.checkout.sessions.retrieve(created.id)).toMatchObject({ status: 'open', payment_intent: null });
  });

  it('says so when the session has expired', async () => {
    const created = await session();
    await stripe.checkout.sessions.expire(created.id);
    const page = await open(created.url!);
    await expect(page.locator('#status-heading').textContent()).resolves.toBe('This checkout has expired');
    expect(await page.locator('form').count()).toBe(0);
    await shot(page, '07-expired');
  });

  it('fits a phone and can be paid from the keyboard alone', async () => {
    await context.close();
    context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const created = await session({ locale: 'fr', customer_email: 'phone@example.com' });
    const page = await open(created.url!);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await expect(page.locator('#total').textContent()).resolves.toMatch(/^55,00\s\$US$/);
    await shot(page, '08-phone');

    await page.getByLabel('Card number').focus();
    await page.keyboard.type('4242424242424242');
    await page.keyboard.press('Tab');
    await page.keyboard.type('1234');
    await page.keyboard.press('Tab');
    await page.keyboard.type('123');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Jean Dupont');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('pay-button');
    await Promise.all([page.waitForURL(/\/success\?/), page.keyboard.press('Enter')]);
  });
});
