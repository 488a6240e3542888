import Stripe from 'stripe';
import { sandboxCredentials, stripeClient } from '@payrail/testing';

const baseUrl = process.env.PAYRAIL_TEST_BASE_URL!;

async function failure(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof Stripe.errors.StripeError)) throw new Error(`expected a Stripe error, got ${String(error)}`);
  return error;
}

describe('expand[]: ids replaced by the objects they name, as Stripe does', () => {
  const { secret_key: secretKey } = sandboxCredentials();
  const stripe = stripeClient(secretKey);
  const run = Date.now().toString(36);

  /** A customer with a saved card as default, and a payment taken from that card. */
  async function paidByCustomer() {
    const customer = await stripe.customers.create({ email: `expand.${run}@example.com`, payment_method: 'pm_card_visa', invoice_settings: { default_payment_method: 'pm_card_visa' } });
    const paymentMethod = customer.invoice_settings.default_payment_method as string;
    const intent = await stripe.paymentIntents.create({ amount: 1500, currency: 'usd', customer: customer.id, payment_method: paymentMethod, confirm: true });
    expect(intent.status).toBe('succeeded');
    return { customer, paymentMethod, intent };
  }

  function raw(method: string, path: string, body?: { type: 'form' | 'json'; content: string }) {
    return fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${secretKey}`,
        ...(body ? { 'content-type': body.type === 'form' ? 'application/x-www-form-urlencoded' : 'application/json' } : {}),
      },
      body: body?.content,
    });
  }

  it('expands a payment intent\'s customer, payment method and latest charge, nested, with null left null', async () => {
    const { customer, paymentMethod, intent } = await paidByCustomer();
    const expanded = await stripe.paymentIntents.retrieve(intent.id, {
      expand: ['customer', 'payment_method', 'latest_charge', 'latest_charge.balance_transaction', 'latest_charge.customer'],
    });
    expect(expanded.customer).toMatchObject({ object: 'customer', id: customer.id, email: customer.email });
    expect(expanded.payment_method).toMatchObject({ object: 'payment_method', id: paymentMethod, customer: customer.id, card: { last4: '4242' } });
    const charge = expanded.latest_charge as Stripe.Charge;
    expect(charge).toMatchObject({ object: 'charge', id: intent.latest_charge, payment_intent: intent.id, status: 'succeeded' });
    // The ledger's balance transaction once it has booked the charge (moments after), its id until then.
    const booked = charge.balance_transaction as Stripe.BalanceTransaction | string;
    expect(typeof booked === 'string' ? booked : booked.id).toBe(`txn_${charge.id.slice(3)}`);
    expect(charge.customer).toMatchObject({ object: 'customer', id: customer.id });
    expect(charge.receipt_url).toMatch(/^https?:\/\//);

    const plain = await stripe.paymentIntents.retrieve(intent.id);
    expect(plain.customer).toBe(customer.id);
    expect(plain.latest_charge).toBe(intent.latest_charge);

    const guest = await stripe.paymentIntents.create({ amount: 700, currency: 'usd' });
    expect(await stripe.paymentIntents.retrieve(guest.id, { expand: ['customer', 'latest_charge', 'payment_method'] })).toMatchObject({
      customer: null,
      latest_charge: null,
      payment_method: null,
    });
  });

  it('expands every item of a list under data., and follows four levels at most', async () => {
    const { customer, intent } = await paidByCustomer();
    const listed = await stripe.paymentIntents.list({ customer: customer.id, expand: ['data.customer', 'data.latest_charge.customer'] });
    expect(listed.data.map((item) => item.id)).toEqual([intent.id]);
    expect(listed.data[0].customer).toMatchObject({ object: 'customer', id: customer.id });
    expect((listed.data[0].latest_charge as Stripe.Charge).customer).toMatchObject({ object: 'customer', id: customer.id });

    const charges = await stripe.charges.list({ payment_intent: intent.id, expand: ['data.payment_intent.customer.invoice_settings.default_payment_method'] }).catch((e: unknown) => e);
    expect(charges).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    const deepest = await stripe.charges.list({ payment_intent: intent.id, expand: ['data.payment_intent.customer'] });
    expect((deepest.data[0].payment_intent as Stripe.PaymentIntent).customer).toMatchObject({ object: 'customer', id: customer.id });

    const error = await failure(stripe.paymentIntents.list({ expand: ['customer'] }));
    expect(error).toMatchObject({ statusCode: 400, param: 'expand[0]', message: 'This property cannot be expanded (customer).' });
  });

  it('expands the reply of confirm, create, update, capture and cancel', async () => {
    const created = await stripe.paymentIntents.create({ amount: 2500, currency: 'usd', capture_method: 'manual', expand: ['latest_charge'] });
    expect(created.latest_charge).toBeNull();
    const card = await stripe.paymentMethods.create({ type: 'card', card: { number: '4242424242424242', exp_month: 1, exp_year: new Date().getUTCFullYear() + 3 } });
    const confirmed = await stripe.paymentIntents.confirm(created.id, { payment_method: card.id, expand: ['latest_charge', 'payment_method'] });
    expect(confirmed.status).toBe('requires_capture');
    expect(confirmed.latest_charge).toMatchObject({ object: 'charge', captured: false, payment_intent: created.id });
    expect(confirmed.payment_method).toMatchObject({ object: 'payment_method', id: card.id, card: { brand: 'visa', last4: '4242' } });
    const updated = await stripe.paymentIntents.update(created.id, { metadata: { order: '1' }, expand: ['latest_charge'] });
    expect(updated.latest_charge).toMatchObject({ object: 'charge' });
    const captured = await stripe.paymentIntents.capture(created.id, { expand: ['latest_charge'] });
    expect(captured.latest_charge).toMatchObject({ object: 'charge', captured: true, amount_captured: 2500 });

    const other = await stripe.paymentIntents.create({ amount: 900, currency: 'usd' });
    const canceled = await stripe.paymentIntents.cancel(other.id, { expand: ['customer'] });
    expect(canceled).toMatchObject({ status: 'canceled', customer: null });
  });

  it('refuses a path that cannot be expanded with a 400 naming it, and changes nothing', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 1100, currency: 'usd' });
    const error = await failure(stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa', expand: ['customer', 'amount'] }));
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 400, code: 'parameter_invalid', param: 'expand[1]', message: 'This property cannot be expanded (amount).' });
    expect(await stripe.paymentIntents.retrieve(intent.id)).toMatchObject({ status: 'requires_payment_method', payment_method: null });

    expect(await failure(stripe.paymentIntents.retrieve(intent.id, { expand: ['customer.foo'] }))).toMatchObject({
      statusCode: 400,
      param: 'expand[0]',
      message: 'This property cannot be expanded (customer.foo).',
    });
    expect(await failure(stripe.paymentIntents.retrieve(intent.id, { expand: ['latest_charge.payment_intent.latest_charge.payment_intent.customer'] }))).toMatchObject({
      statusCode: 400,
      param: 'expand[0]',
    });
    expect(await failure(stripe.charges.retrieve('ch_doesnotexist000000000000', { expand: ['payment_method'] }))).toMatchObject({ statusCode: 400, param: 'expand[0]' });
  });

  it('expands charges, customers and payment methods too', async () => {
    const { customer, paymentMethod, intent } = await paidByCustomer();
    const charge = await stripe.charges.retrieve(intent.latest_charge as string, { expand: ['payment_intent', 'customer'] });
    expect(charge.payment_intent).toMatchObject({ object: 'payment_intent', id: intent.id });
    expect(charge.customer).toMatchObject({ object: 'customer', id: customer.id });

    const withDefault = (await stripe.customers.retrieve(customer.id, { expand: ['invoice_settings.default_payment_method'] })) as Stripe.Customer;
    expect(withDefault.invoice_settings.default_payment_method).toMatchObject({ object: 'payment_method', id: paymentMethod });
    const updated = await stripe.customers.update(customer.id, { name: 'Expanded', expand: ['invoice_settings.default_payment_method.customer'] });
    expect((updated.invoice_settings.default_payment_method as Stripe.PaymentMethod).customer).toMatchObject({ object: 'customer', id: customer.id, name: 'Expanded' });
    const customers = await stripe.customers.list({ email: customer.email!, expand: ['data.invoice_settings.default_payment_method'] });
    expect(customers.data.length).toBeGreaterThan(0);
    for (const listed of customers.data) expect(listed.invoice_settings.default_payment_method).toMatchObject({ object: 'payment_method' });

    expect(await stripe.paymentMethods.retrieve(paymentMethod, { expand: ['customer'] })).toMatchObject({ customer: { object: 'customer', id: customer.id } });
    const viaCustomer = await stripe.customers.retrievePaymentMethod(customer.id, paymentMethod, { expand: ['customer'] });
    expect(viaCustomer.customer).toMatchObject({ object: 'customer', id: customer.id });
    const methods = await stripe.paymentMethods.list({ customer: customer.id, expand: ['data.customer'] });
    expect(methods.data[0].customer).toMatchObject({ object: 'customer', id: customer.id });
    const detached = await stripe.paymentMethods.detach(paymentMethod, { expand: ['customer'] });
    expect(detached.customer).toBeNull();
  });

  it('takes expand[] and expand[0] in a query string or form body, and an array in JSON', async () => {
    const { customer, intent } = await paidByCustomer();
    for (const query of ['expand[]=customer', 'expand[0]=customer', 'expand=customer']) {
      const response = await raw('GET', `/v1/payment_intents/${intent.id}?${query}`);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { customer: unknown }).customer).toMatchObject({ object: 'customer', id: customer.id });
    }
    const form = await raw('POST', `/v1/payment_intents/${intent.id}`, { type: 'form', content: 'metadata[via]=form&expand[]=customer&expand[]=latest_charge' });
    expect(await form.json()).toMatchObject({ customer: { id: customer.id }, latest_charge: { object: 'charge' }, metadata: { via: 'form' } });
    const json = await raw('POST', `/v1/payment_intents/${intent.id}`, { type: 'json', content: JSON.stringify({ expand: ['customer'] }) });
    expect(await json.json()).toMatchObject({ customer: { id: customer.id } });

    const malformed = await raw('GET', `/v1/payment_intents/${intent.id}?expand[0][a]=b`);
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: unknown }).error).toMatchObject({ type: 'invalid_request_error' });
  });

  it('lets a publishable key with the client secret expand the payment method only', async () => {
    const browser = stripeClient(sandboxCredentials().publishable_key);
    const { customer, paymentMethod, intent } = await paidByCustomer();
    const seen = await browser.paymentIntents.retrieve(intent.id, { client_secret: intent.client_secret!, expand: ['payment_method'] });
    expect(seen.payment_method).toMatchObject({ object: 'payment_method', id: paymentMethod });
    const refused = await failure(browser.paymentIntents.retrieve(intent.id, { client_secret: intent.client_secret!, expand: ['payment_method', 'customer'] }));
    expect(refused).toMatchObject({ statusCode: 400, param: 'expand[1]' });
    expect(JSON.stringify(refused.raw)).not.toContain(customer.email!);
  });
});
