import Stripe from 'stripe';
import { createMerchant, sandboxCredentials, stripeClient } from '@payrail/testing';

describe('charges and receipts', () => {
  const stripe = stripeClient(sandboxCredentials().secret_key);

  async function paid(params: Partial<Stripe.PaymentIntentCreateParams> = {}): Promise<{ intent: Stripe.PaymentIntent; charge: Stripe.Charge }> {
    const intent = await stripe.paymentIntents.create({ amount: 2000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true, ...params });
    return { intent, charge: await stripe.charges.retrieve(intent.latest_charge as string) };
  }

  it('retrieves a charge with Stripe\'s fields', async () => {
    const { intent, charge } = await paid({ description: 'Two tickets', receipt_email: 'buyer@example.com', statement_descriptor: 'PAYRAIL TICKETS', metadata: { order: 'T-2' } });
    expect(charge).toMatchObject({
      object: 'charge',
      amount: 2000,
      amount_captured: 2000,
      amount_refunded: 0,
      captured: true,
      paid: true,
      refunded: false,
      status: 'succeeded',
      currency: 'usd',
      payment_intent: intent.id,
      payment_method: 'pm_card_visa',
      description: 'Two tickets',
      receipt_email: 'buyer@example.com',
      statement_descriptor: 'PAYRAIL TICKETS',
      metadata: { order: 'T-2' },
      failure_code: null,
      outcome: { network_status: 'approved_by_network', type: 'authorized', risk_level: 'normal', seller_message: 'Payment complete.' },
      payment_method_details: { type: 'card', card: { brand: 'visa', last4: '4242', funding: 'credit', country: 'US' } },
    });
    expect(charge.id).toMatch(/^ch_/);
    expect(charge.balance_transaction).toBe(`txn_${charge.id.slice(3)}`);
    expect(charge.receipt_number).toMatch(/^\d{4}-\d{4}$/);
    expect(charge.receipt_url).toMatch(new RegExp(`^http://[^/]+/receipts/${charge.id}\\?token=[A-Za-z0-9]{32}$`));
    expect(JSON.stringify(charge)).not.toContain('4242424242424242');
    // Payrail extension: the built-in sandbox took it at the first try.
    expect((charge as unknown as { gateway: unknown }).gateway).toEqual({
      gateway_account: null,
      gateway: 'sandbox',
      reference: expect.any(String),
      attempts: [{ gateway_account: null, gateway: 'sandbox', outcome: 'answered', failure_code: null, latency_ms: expect.any(Number), created: expect.any(Number) }],
    });
  });

  it('lists charges, newest first, by payment intent, customer and created', async () => {
    const customer = await stripe.customers.create({ email: 'regular@example.com' });
    const first = await paid({ customer: customer.id });
    const second = await paid({ customer: customer.id, amount: 3000 });
    const declined = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
    const error = (await stripe.paymentIntents.confirm(declined.id, { payment_method: 'pm_card_chargeDeclined' }).catch((caught: unknown) => caught)) as Stripe.errors.StripeCardError;
    await stripe.paymentIntents.confirm(declined.id, { payment_method: 'pm_card_visa' });

    const forIntent = await stripe.charges.list({ payment_intent: declined.id });
    expect(forIntent.data.map((charge) => charge.status)).toEqual(['succeeded', 'failed']);
    // The declined try's answer carries the decline's code on the charge's gateway attempt.
    expect((forIntent.data[1] as unknown as { gateway: { attempts: unknown[] } }).gateway.attempts).toEqual([
      expect.objectContaining({ gateway: 'sandbox', outcome: 'answered', failure_code: 'card_declined' }),
    ]);
    expect(forIntent.data[1].id).toBe(error.charge);

    const forCustomer = await stripe.charges.list({ customer: customer.id });
    expect(forCustomer.data.map((charge) => charge.id)).toEqual([second.charge.id, first.charge.id]);
    expect(forCustomer.data[0].customer).toBe(customer.id);

    const since = await stripe.charges.list({ created: { gte: first.charge.created }, limit: 100 });
    expect(since.data.map((charge) => charge.id)).toEqual(expect.arrayContaining([first.charge.id, second.charge.id]));
    expect(since.data.every((charge) => charge.created >= first.charge.created)).toBe(true);
    const later = await stripe.charges.list({ created: { gt: second.charge.created + 1000 } });
    expect(later.data).toEqual([]);

    const page = await stripe.charges.list({ limit: 1, starting_after: second.charge.id });
    expect(page.data[0].id).not.toBe(second.charge.id);
  });

  it('serves a printable receipt page with the amount formatted for the currency', async () => {
    const { charge } = await paid({ description: '<script>alert(1)</script> & co' });
    const page = await fetch(charge.receipt_url!);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('USD 20.00');
    expect(html).toContain(charge.receipt_number!);
    expect(html).toContain('Visa •••• 4242');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain(charge.payment_method_details!.card!.fingerprint!);

    const shillings = await paid({ amount: 100_000, currency: 'kes' });
    expect(await (await fetch(shillings.charge.receipt_url!)).text()).toContain('KES 1,000.00');
  });

  it('shows the captured amount of a partial capture and what was refunded', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 5000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true, capture_method: 'manual' });
    await stripe.paymentIntents.capture(intent.id, { amount_to_capture: 4000 });
    await stripe.refunds.create({ payment_intent: intent.id, amount: 500 });
    // The charge hears of the refund through the refunds service's event.
    let charge = await stripe.charges.retrieve(intent.latest_charge as string);
    for (const deadline = Date.now() + 20_000; charge.amount_refunded < 500 && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      charge = await stripe.charges.retrieve(intent.latest_charge as string);
    }
    expect(charge).toMatchObject({ amount_captured: 4000, amount_refunded: 500, refunded: false });
    const html = await (await fetch(charge.receipt_url!)).text();
    expect(html).toContain('USD 40.00');
    expect(html).toContain('USD 5.00');
  });

  it('refuses a receipt with a wrong or missing token', async () => {
    const { charge } = await paid();
    const url = new URL(charge.receipt_url!);
    url.searchParams.set('token', 'A'.repeat(32));
    expect((await fetch(url)).status).toBe(404);
    url.search = '';
    expect((await fetch(url)).status).toBe(400);
  });

  it('hides one merchant\'s charges from another', async () => {
    const other = stripeClient((await createMerchant('Charge snoop')).secret_key);
    const { charge } = await paid();
    const error = (await other.charges.retrieve(charge.id).catch((caught: unknown) => caught)) as Stripe.errors.StripeError;
    expect(error.statusCode).toBe(404);
    expect((await other.charges.list({ limit: 100 })).data.map((listed) => listed.id)).not.toContain(charge.id);
  });
});
