import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import { createMerchant, stripeClient, WebhookReceiver } from '@payrail/testing';

async function failure(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(Stripe.errors.StripeError);
  return error as Stripe.errors.StripeError;
}

/** The hosted page as a browser without scripts uses it: GET the form, POST it back with the cookie it set. */
class PageVisitor {
  private cookie = '';
  csrf = '';
  attempt = '0';

  constructor(private readonly url: string) {}

  async open(): Promise<{ status: number; html: string; headers: Headers }> {
    const response = await fetch(this.url, { redirect: 'manual', headers: this.cookie ? { cookie: this.cookie } : {} });
    return this.read(response);
  }

  async pay(card: { number: string; exp?: string; cvc?: string }, extra: Record<string, string> = {}): Promise<{ status: number; html: string; location: string | null }> {
    const form = new URLSearchParams({ csrf: this.csrf, attempt: this.attempt, card_number: card.number, card_exp: card.exp ?? '12 / 34', card_cvc: card.cvc ?? '123', ...extra });
    const response = await fetch(`${this.url}/pay`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: this.cookie },
      body: form.toString(),
    });
    const { status, html } = await this.read(response);
    return { status, html, location: response.headers.get('location') };
  }

  private async read(response: Response): Promise<{ status: number; html: string; headers: Headers }> {
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const html = await response.text();
    this.csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? this.csrf;
    this.attempt = /name="attempt" value="(\d+)"/.exec(html)?.[1] ?? this.attempt;
    return { status: response.status, html, headers: response.headers };
  }
}

describe('Checkout Sessions through the edge, driven by the official Stripe SDK', () => {
  let stripe: Stripe;
  let other: Stripe;
  let receiver: WebhookReceiver;
  let endpointSecret: string;
  const run = randomBytes(4).toString('hex');
  const merchantName = `Checkout shop ${run}`;

  // payment_method_types as the integration guide sends it; the SDK's newer types no longer list it.
  type Params = Stripe.Checkout.SessionCreateParams & { payment_method_types?: string[] };
  const params = (extra: Partial<Params> = {}): Params => ({
    mode: 'payment',
    payment_method_types: ['card'],
    line_items: [
      { price_data: { currency: 'usd', unit_amount: 2500, product_data: { name: 'Wireless Mouse', description: 'Silent clicks' } }, quantity: 1 },
      { price_data: { currency: 'usd', unit_amount: 1500, product_data: { name: 'Mouse pad' } }, quantity: 2 },
    ],
    success_url: 'https://shop.example.com/success?session_id={CHECKOUT_SESSION_ID}',
    cancel_url: 'https://shop.example.com/cancel',
    ...extra,
  });

  beforeAll(async () => {
    const [mine, theirs] = await Promise.all([createMerchant(merchantName), createMerchant('Checkout spec (other)')]);
    stripe = stripeClient(mine.secret_key);
    other = stripeClient(theirs.secret_key);
    receiver = await WebhookReceiver.start();
    const endpoint = await stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['checkout.session.completed', 'checkout.session.expired'] });
    endpointSecret = endpoint.secret!;
  });
  afterAll(() => receiver.stop());

  async function eventFor(type: string, sessionId: string): Promise<Stripe.Event> {
    const verified = () =>
      receiver.accepted(type).map((delivery) => stripe.webhooks.constructEvent(delivery.body, delivery.headers['payments-signature'] as string, endpointSecret));
    await receiver.waitFor(() => verified().some((event) => (event.data.object as { id: string }).id === sessionId));
    return verified().find((event) => (event.data.object as { id: string }).id === sessionId)!;
  }

  it('creates, retrieves and lists a session and its line items as Stripe does', async () => {
    const before = Math.floor(Date.now() / 1000);
    const session = await stripe.checkout.sessions.create(
      params({ customer_email: `buyer.${run}@example.com`, client_reference_id: `order-${run}`, metadata: { order: run }, locale: 'fr', payment_intent_data: { description: 'Mouse order', metadata: { sku: 'M1' } } }),
    );
    expect(session.id).toMatch(/^cs_[A-Za-z0-9]{24}$/);
    expect(session).toMatchObject({
      object: 'checkout.session',
      mode: 'payment',
      status: 'open',
      payment_status: 'unpaid',
      amount_subtotal: 5500,
      amount_total: 5500,
      currency: 'usd',
      customer_email: `buyer.${run}@example.com`,
      client_reference_id: `order-${run}`,
      metadata: { order: run },
      locale: 'fr',
      payment_intent: null,
      payment_method_types: ['card'],
      livemode: false,
      success_url: 'https://shop.example.com/success?session_id={CHECKOUT_SESSION_ID}',
      cancel_url: 'https://shop.example.com/cancel',
    });
    expect(session.url).toBe(`${process.env.PAYRAIL_TEST_BASE_URL}/checkout/${session.id}`);
    expect(session.expires_at).toBeGreaterThanOrEqual(before + 24 * 3600 - 5);
    expect(session.expires_at).toBeLessThanOrEqual(before + 24 * 3600 + 5);

    expect(await stripe.checkout.sessions.retrieve(session.id)).toMatchObject({ id: session.id, status: 'open', url: session.url });
    const listed = await stripe.checkout.sessions.list({ limit: 100 });
    expect(listed.data.map((item) => item.id)).toContain(session.id);

    const items = await stripe.checkout.sessions.listLineItems(session.id);
    expect(items.data).toHaveLength(2);
    expect(items.data[0]).toMatchObject({ object: 'item', description: 'Wireless Mouse', quantity: 1, amount_total: 2500, currency: 'usd', price: { unit_amount: 2500, type: 'one_time' } });
    expect(items.data[1]).toMatchObject({ description: 'Mouse pad', quantity: 2, amount_subtotal: 3000, amount_total: 3000 });
    const first = await stripe.checkout.sessions.listLineItems(session.id, { limit: 1 });
    expect(first).toMatchObject({ has_more: true });
    const second = await stripe.checkout.sessions.listLineItems(session.id, { limit: 1, starting_after: first.data[0].id });
    expect(second.data.map((item) => item.description)).toEqual(['Mouse pad']);
    expect(second.has_more).toBe(false);

    expect(await failure(other.checkout.sessions.retrieve(session.id))).toMatchObject({ statusCode: 404, code: 'resource_missing' });
    expect(await failure(other.checkout.sessions.expire(session.id))).toMatchObject({ statusCode: 404 });
    expect(await failure(other.checkout.sessions.listLineItems(session.id))).toMatchObject({ statusCode: 404 });
    expect((await other.checkout.sessions.list({ limit: 100 })).data.map((item) => item.id)).not.toContain(session.id);
  });

  it('refuses bad input with a 400 naming the parameter, and creates nothing', async () => {
    const count = (await stripe.checkout.sessions.list({ limit: 100 })).data.length;
    const cases: Array<[Params, string]> = [
      [{ ...params(), line_items: [] }, 'line_items'],
      [params({ line_items: [{ price_data: { currency: 'usd', unit_amount: 100, product_data: { name: 'A' } }, quantity: 0 }] }), 'line_items[0][quantity]'],
      [params({ line_items: [{ price_data: { currency: 'usd', unit_amount: 100, product_data: { name: 'A' } }, quantity: 1 }, { price_data: { currency: 'eur', unit_amount: 100, product_data: { name: 'B' } }, quantity: 1 }] }), 'line_items[1][price_data][currency]'],
      [params({ line_items: [{ price_data: { currency: 'usd', unit_amount: -1, product_data: { name: 'A' } }, quantity: 1 }] }), 'line_items[0][price_data][unit_amount]'],
      [params({ expires_at: Math.floor(Date.now() / 1000) + 600 }), 'expires_at'],
      [params({ expires_at: Math.floor(Date.now() / 1000) + 25 * 3600 }), 'expires_at'],
      [params({ success_url: 'not a url' }), 'success_url'],
      [params({ customer_email: 'a@example.com', customer: 'cus_x' }), 'customer_email'],
      [{ ...params(), mode: 'subscription' as 'payment' }, 'mode'],
      [params({ payment_method_types: ['sepa_debit'] }), 'payment_method_types[0]'],
    ];
    for (const [input, param] of cases) {
      expect({ param, error: await failure(stripe.checkout.sessions.create(input)) }).toMatchObject({ param, error: { statusCode: 400, param } });
    }
    expect((await stripe.checkout.sessions.list({ limit: 100 })).data).toHaveLength(count);
  });

  it('is paid on the hosted page: a declined card, then a good one; the merchant is told once and nothing is paid twice', async () => {
    const session = await stripe.checkout.sessions.create(params({ client_reference_id: `pay-${run}` }));
    const visitor = new PageVisitor(session.url!);
    const page = await visitor.open();
    expect(page.status).toBe(200);
    expect(page.html).toContain(merchantName);
    expect(page.html).toContain('Wireless Mouse');
    expect(page.html).toContain('$55.00');
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toMatch(/script-src 'nonce-[^']+'/);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");

    const badEmail = await visitor.pay({ number: '4242 4242 4242 4242' }, { email: 'not-an-email' });
    expect(badEmail.status).toBe(402);
    expect(badEmail.html).toContain('Enter a valid email address.');
    const badExpiry = await visitor.pay({ number: '4242 4242 4242 4242', exp: '13 / 30' }, { email: `payer.${run}@example.com` });
    expect(badExpiry.html).toContain('expiry month is invalid');
    expect(await stripe.checkout.sessions.retrieve(session.id)).toMatchObject({ status: 'open', payment_intent: null });

    const declined = await visitor.pay({ number: '4000 0000 0000 0002' }, { email: `payer.${run}@example.com` });
    expect(declined.status).toBe(402);
    expect(declined.html).toContain('Your card was declined.');
    expect(declined.html).not.toContain('4000 0000 0000 0002');
    expect(await stripe.checkout.sessions.retrieve(session.id)).toMatchObject({ status: 'open', payment_status: 'unpaid' });

    const paid = await visitor.pay({ number: '4242 4242 4242 4242' }, { email: `payer.${run}@example.com` });
    expect(paid.status).toBe(303);
    expect(paid.location).toBe(`https://shop.example.com/success?session_id=${session.id}`);
    // The same form sent again (a double click, a resubmission) changes nothing and lands on the same page.
    const again = await visitor.pay({ number: '4242 4242 4242 4242' }, { email: `payer.${run}@example.com` });
    expect(again.location).toBe(paid.location);

    const complete = await stripe.checkout.sessions.retrieve(session.id);
    expect(complete).toMatchObject({ status: 'complete', payment_status: 'paid', url: null, customer_details: { email: `payer.${run}@example.com` } });
    const intent = await stripe.paymentIntents.retrieve(complete.payment_intent as string);
    expect(intent).toMatchObject({ status: 'succeeded', amount: 5500, amount_received: 5500, currency: 'usd' });
    const charges = await stripe.charges.list({ payment_intent: intent.id });
    expect(charges.data.filter((charge) => charge.status === 'succeeded')).toHaveLength(1);
    expect((await stripe.checkout.sessions.list({ payment_intent: intent.id })).data.map((item) => item.id)).toEqual([session.id]);

    const event = await eventFor('checkout.session.completed', session.id);
    expect(event.data.object).toMatchObject({ id: session.id, status: 'complete', payment_status: 'paid', payment_intent: intent.id, client_reference_id: `pay-${run}` });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.accepted('checkout.session.completed').filter((delivery) => delivery.event.data.object.id === session.id)).toHaveLength(1);

    const revisit = await visitor.open();
    expect(revisit.html).toContain('Payment complete');
    expect(revisit.html).not.toContain('name="card_number"');
    expect(await failure(stripe.checkout.sessions.expire(session.id))).toMatchObject({ statusCode: 400, code: 'checkout_session_unexpected_state' });
  });

  it('refuses a card post that did not come from its own page (CSRF), charging nothing', async () => {
    const session = await stripe.checkout.sessions.create(params({ customer_email: `csrf.${run}@example.com` }));
    const forged = await fetch(`${session.url}/pay`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: new URLSearchParams({ csrf: 'guess', attempt: '0', card_number: '4242424242424242', card_exp: '12/34', card_cvc: '123' }).toString(),
    });
    expect(forged.status).toBe(403);
    expect(await stripe.checkout.sessions.retrieve(session.id)).toMatchObject({ status: 'open', payment_intent: null });
  });

  it('expires on request: the page says so, the merchant is told, and it cannot be paid or expired again', async () => {
    const session = await stripe.checkout.sessions.create(params({ expires_at: Math.floor(Date.now() / 1000) + 3600 }));
    const visitor = new PageVisitor(session.url!);
    await visitor.open();
    const expired = await stripe.checkout.sessions.expire(session.id);
    expect(expired).toMatchObject({ id: session.id, status: 'expired', payment_status: 'unpaid', url: null });
    expect(await failure(stripe.checkout.sessions.expire(session.id))).toMatchObject({ statusCode: 400, code: 'checkout_session_unexpected_state' });

    const page = await visitor.open();
    expect(page.status).toBe(410);
    expect(page.html).toContain('This checkout has expired');
    const late = await visitor.pay({ number: '4242424242424242' }, { email: `late.${run}@example.com` });
    expect(late.status).toBe(303);
    expect((await stripe.checkout.sessions.retrieve(session.id)).payment_intent).toBeNull();
    expect((await eventFor('checkout.session.expired', session.id)).data.object).toMatchObject({ id: session.id, status: 'expired' });
  });
});
