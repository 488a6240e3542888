import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import { createMerchant, stripeClient, WebhookReceiver } from '@payrail/testing';

async function failure(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(Stripe.errors.StripeError);
  return error as Stripe.errors.StripeError;
}

const ids = (list: { data: Array<{ id: string }> }) => list.data.map((item) => item.id);

describe('customers through the edge, driven by the official Stripe SDK', () => {
  let stripe: Stripe;
  let other: Stripe;
  let receiver: WebhookReceiver;
  let endpointSecret: string;
  const run = randomBytes(4).toString('hex');

  beforeAll(async () => {
    const [mine, theirs] = await Promise.all([createMerchant('Customers spec'), createMerchant('Customers spec (other)')]);
    stripe = stripeClient(mine.secret_key);
    other = stripeClient(theirs.secret_key);
    receiver = await WebhookReceiver.start();
    const endpoint = await stripe.webhookEndpoints.create({
      url: receiver.url,
      enabled_events: ['customer.created', 'customer.updated', 'customer.deleted', 'payment_method.attached', 'payment_method.detached'],
    });
    endpointSecret = endpoint.secret!;
  });
  afterAll(() => receiver.stop());

  function verifiedEvents(type: string): Stripe.Event[] {
    return receiver.accepted(type).map((delivery) => stripe.webhooks.constructEvent(delivery.body, delivery.headers['payments-signature'] as string, endpointSecret));
  }

  async function eventFor(type: string, objectId: string): Promise<Stripe.Event> {
    await receiver.waitFor(() => verifiedEvents(type).some((event) => (event.data.object as { id: string }).id === objectId));
    return verifiedEvents(type).find((event) => (event.data.object as { id: string }).id === objectId)!;
  }

  it('creates, retrieves, updates and deletes a customer, telling the merchant each time', async () => {
    const customer = await stripe.customers.create({
      email: `jenny.${run}@example.com`,
      name: 'Jenny Rosen',
      phone: '+14155550100',
      description: 'First customer',
      metadata: { plan: 'pro', seats: '3' },
    });
    expect(customer.id).toMatch(/^cus_[A-Za-z0-9]{24}$/);
    expect(customer).toMatchObject({
      object: 'customer',
      email: `jenny.${run}@example.com`,
      name: 'Jenny Rosen',
      phone: '+14155550100',
      description: 'First customer',
      metadata: { plan: 'pro', seats: '3' },
      livemode: false,
      balance: 0,
      invoice_settings: { default_payment_method: null },
    });
    expect(customer.invoice_prefix).toMatch(/^[0-9A-F]{8}$/);
    expect(await stripe.customers.retrieve(customer.id)).toEqual(customer);

    const updated = await stripe.customers.update(customer.id, { name: 'Jenny R.', description: '', metadata: { seats: '', region: 'eu' } });
    expect(updated).toMatchObject({ name: 'Jenny R.', description: null, email: customer.email, metadata: { plan: 'pro', region: 'eu' } });
    expect(updated.metadata).not.toHaveProperty('seats');

    const deleted = await stripe.customers.del(customer.id);
    expect(deleted).toEqual({ id: customer.id, object: 'customer', deleted: true });
    expect(await stripe.customers.retrieve(customer.id)).toMatchObject({ id: customer.id, object: 'customer', deleted: true });
    expect(await failure(stripe.customers.update(customer.id, { name: 'x' }))).toMatchObject({ statusCode: 404, code: 'resource_missing' });
    expect(await failure(stripe.customers.del(customer.id))).toMatchObject({ statusCode: 404 });
    expect(ids(await stripe.customers.list({ email: customer.email!, limit: 100 }))).toEqual([]);

    expect((await eventFor('customer.created', customer.id)).data.object).toMatchObject({ email: customer.email, name: 'Jenny Rosen' });
    const updatedEvent = await eventFor('customer.updated', customer.id);
    expect(updatedEvent.data.object).toMatchObject({ name: 'Jenny R.', description: null });
    expect(updatedEvent.data.previous_attributes).toMatchObject({ name: 'Jenny Rosen', description: 'First customer', metadata: { plan: 'pro', seats: '3' } });
    expect(updatedEvent.data.previous_attributes).not.toHaveProperty('email');
    expect((await eventFor('customer.deleted', customer.id)).data.object).toMatchObject({ id: customer.id, object: 'customer' });
  });

  it('refuses bad input with a 400 naming the parameter, and changes nothing', async () => {
    const customer = await stripe.customers.create({ email: `bad.${run}@example.com` });
    expect(await failure(stripe.customers.create({ email: 'not-an-email' }))).toMatchObject({ statusCode: 400, param: 'email' });
    expect(await failure(stripe.customers.update(customer.id, { phone: '1'.repeat(30) }))).toMatchObject({ statusCode: 400, param: 'phone' });
    const tooMany = Object.fromEntries(Array.from({ length: 51 }, (_, index) => [`k${index}`, 'v']));
    expect(await failure(stripe.customers.update(customer.id, { metadata: tooMany }))).toMatchObject({ statusCode: 400 });
    expect(await failure(stripe.customers.list({ limit: 0 }))).toMatchObject({ statusCode: 400, param: 'limit' });
    expect(await stripe.customers.retrieve(customer.id)).toEqual(customer);
  });

  it('lists customers newest first, filtered by email and created, across pages in both directions', async () => {
    const email = `paged.${run}@example.com`;
    const made: Stripe.Customer[] = [];
    for (let index = 0; index < 5; index++) made.push(await stripe.customers.create({ email, name: `Customer ${index}` }));
    await stripe.customers.create({ email: `someone.else.${run}@example.com` });
    const newestFirst = made.map((customer) => customer.id).reverse();

    const first = await stripe.customers.list({ email, limit: 2 });
    expect(ids(first)).toEqual(newestFirst.slice(0, 2));
    expect(first.has_more).toBe(true);
    const second = await stripe.customers.list({ email, limit: 2, starting_after: first.data[1].id });
    expect(ids(second)).toEqual(newestFirst.slice(2, 4));
    expect(second.has_more).toBe(true);
    const third = await stripe.customers.list({ email, limit: 2, starting_after: second.data[1].id });
    expect(ids(third)).toEqual(newestFirst.slice(4));
    expect(third.has_more).toBe(false);
    const back = await stripe.customers.list({ email, limit: 2, ending_before: third.data[0].id });
    expect(ids(back)).toEqual(newestFirst.slice(2, 4));

    const all = await stripe.customers.list({ email, limit: 2 }).autoPagingToArray({ limit: 100 });
    expect(all.map((customer) => customer.id)).toEqual(newestFirst);
    expect(ids(await stripe.customers.list({ email: email.toUpperCase() }))).toEqual([]);

    const since = made[0].created;
    expect(ids(await stripe.customers.list({ email, created: { gte: since }, limit: 100 }))).toEqual(newestFirst);
    expect(ids(await stripe.customers.list({ email, created: { lt: since }, limit: 100 }))).toEqual([]);
    const later = await stripe.customers.list({ email, created: { gt: since }, limit: 100 });
    expect(ids(later)).toEqual(newestFirst.filter((id) => made.find((customer) => customer.id === id)!.created > since));
    expect(await failure(stripe.customers.list({ starting_after: 'cus_doesnotexist00000000000' }))).toMatchObject({ statusCode: 404 });
  });

  it('sets a default payment method only from the customer\'s own, and clears it on detach', async () => {
    const customer = await stripe.customers.create({ email: `default.${run}@example.com` });
    const paymentMethod = await stripe.paymentMethods.create({ type: 'card', card: { number: '4242424242424242', exp_month: 1, exp_year: new Date().getUTCFullYear() + 3 } });
    const error = await failure(stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: paymentMethod.id } }));
    expect(error).toMatchObject({ statusCode: 400, type: 'StripeInvalidRequestError', param: 'invoice_settings[default_payment_method]' });

    await stripe.paymentMethods.attach(paymentMethod.id, { customer: customer.id });
    const withDefault = await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: paymentMethod.id } });
    expect(withDefault.invoice_settings.default_payment_method).toBe(paymentMethod.id);

    const paid = await stripe.paymentIntents.create({
      amount: 1200,
      currency: 'usd',
      customer: customer.id,
      payment_method: withDefault.invoice_settings.default_payment_method as string,
      confirm: true,
    });
    expect(paid.status).toBe('succeeded');

    await stripe.paymentMethods.detach(paymentMethod.id);
    expect((await stripe.customers.retrieve(customer.id)) as Stripe.Customer).toMatchObject({ invoice_settings: { default_payment_method: null } });

    const attachedEvent = await eventFor('payment_method.attached', paymentMethod.id);
    expect(attachedEvent.data.object).toMatchObject({ id: paymentMethod.id, customer: customer.id, card: { last4: '4242' } });
    const detachedEvent = await eventFor('payment_method.detached', paymentMethod.id);
    expect(detachedEvent.data.object).toMatchObject({ id: paymentMethod.id, customer: null });
    expect(detachedEvent.data.previous_attributes).toEqual({ customer: customer.id });
    for (const event of [attachedEvent, detachedEvent]) expect(JSON.stringify(event)).not.toContain('4242424242424242');
  });

  it('creates a customer with a payment method as its default, and detaches its cards when deleted', async () => {
    const customer = await stripe.customers.create({ payment_method: 'pm_card_visa', invoice_settings: { default_payment_method: 'pm_card_visa' } });
    const defaultId = customer.invoice_settings.default_payment_method as string;
    expect(defaultId).toMatch(/^pm_[A-Za-z0-9]{24}$/);
    expect(ids(await stripe.customers.listPaymentMethods(customer.id))).toEqual([defaultId]);

    await stripe.customers.del(customer.id);
    expect(await stripe.paymentMethods.retrieve(defaultId)).toMatchObject({ customer: null });
    expect(await failure(stripe.paymentMethods.attach(defaultId, { customer: customer.id }))).toMatchObject({ statusCode: 404 });
    expect((await eventFor('payment_method.detached', defaultId)).data.previous_attributes).toEqual({ customer: customer.id });
  });

  it('hides one merchant\'s customers from another (404, never 403)', async () => {
    const mine = await stripe.customers.create({ email: `private.${run}@example.com` });
    expect(await failure(other.customers.retrieve(mine.id))).toMatchObject({ statusCode: 404, code: 'resource_missing' });
    expect(await failure(other.customers.update(mine.id, { name: 'Mallory' }))).toMatchObject({ statusCode: 404 });
    expect(await failure(other.customers.del(mine.id))).toMatchObject({ statusCode: 404 });
    expect(await failure(other.customers.listPaymentMethods(mine.id))).toMatchObject({ statusCode: 404 });
    expect(ids(await other.customers.list({ email: mine.email!, limit: 100 }))).toEqual([]);
    expect(await stripe.customers.retrieve(mine.id)).toEqual(mine);
  });
});
