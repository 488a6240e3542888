import Stripe from 'stripe';
import { createMerchant, stripeClient } from '@payrail/testing';

const BELONGS_ELSEWHERE = /belongs to (a|a different) Customer/;

/** Stripe's SDK types leave `client_secret` out of confirm's params, but Stripe.js sends it exactly so. */
function clientSide(params: { payment_method?: string; client_secret: string; expand?: string[] }): Stripe.PaymentIntentConfirmParams {
  return params as Stripe.PaymentIntentConfirmParams;
}

async function failure(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(Stripe.errors.StripeError);
  return error as Stripe.errors.StripeError;
}

describe('a saved card pays only for its own customer, and client-side code does not learn whose it is', () => {
  let server: Stripe;
  let browser: Stripe;
  let otherMerchant: Stripe;
  const run = Date.now().toString(36);
  const nextYear = new Date().getUTCFullYear() + 1;

  beforeAll(async () => {
    const [mine, theirs] = await Promise.all([createMerchant('Saved card owner spec'), createMerchant('Saved card owner spec (other)')]);
    server = stripeClient(mine.secret_key);
    browser = stripeClient(mine.publishable_key);
    otherMerchant = stripeClient(theirs.secret_key);
  });

  /** A card with billing details, saved on a new customer (`owner`), and another customer who does not own it. */
  async function savedCard() {
    const [owner, stranger] = await Promise.all([
      server.customers.create({ email: `owner.${run}@example.com` }),
      server.customers.create({ email: `stranger.${run}@example.com` }),
    ]);
    const card = await server.paymentMethods.create({
      type: 'card',
      card: { number: '4242424242424242', exp_month: 12, exp_year: nextYear, cvc: '123' },
      billing_details: { name: 'Ada Owner', email: `ada.${run}@example.com`, address: { line1: '12 Private Lane', postal_code: '94107', country: 'US' } },
    });
    await server.paymentMethods.attach(card.id, { customer: owner.id });
    return { owner, stranger, card };
  }

  /** The intent is as it was, and no charge was made for it. */
  async function unchanged(intentId: string, expected: Partial<Stripe.PaymentIntent>) {
    expect(await server.paymentIntents.retrieve(intentId)).toMatchObject({ latest_charge: null, amount_received: 0, ...expected });
    expect((await server.charges.list({ payment_intent: intentId })).data).toEqual([]);
  }

  function expectRefusedForOwner(error: Stripe.errors.StripeError, ownerId: string) {
    expect(error).toMatchObject({ statusCode: 400, type: 'StripeInvalidRequestError', code: 'parameter_invalid', param: 'payment_method' });
    expect(error.message).toMatch(BELONGS_ELSEWHERE);
    expect(JSON.stringify(error.raw)).not.toContain(ownerId);
  }

  it('refuses another customer\'s card, or a customer\'s card on an intent without customer, at create with or without confirm', async () => {
    const { owner, stranger, card } = await savedCard();
    for (const params of [
      { customer: stranger.id },
      { customer: stranger.id, confirm: true },
      {},
      { confirm: true },
    ]) {
      expectRefusedForOwner(await failure(server.paymentIntents.create({ amount: 1200, currency: 'usd', payment_method: card.id, ...params })), owner.id);
    }
    expect((await server.paymentIntents.list({ customer: stranger.id })).data).toEqual([]);
    expect((await server.charges.list({ customer: owner.id })).data).toEqual([]);

    const paid = await server.paymentIntents.create({ amount: 1200, currency: 'usd', customer: owner.id, payment_method: card.id, confirm: true });
    expect(paid).toMatchObject({ status: 'succeeded', customer: owner.id, payment_method: card.id, amount_received: 1200 });
  });

  it('refuses an update that would pair the card with another customer, and leaves the intent as it was', async () => {
    const { owner, stranger, card } = await savedCard();
    const strangers = await server.paymentIntents.create({ amount: 800, currency: 'usd', customer: stranger.id });
    expectRefusedForOwner(await failure(server.paymentIntents.update(strangers.id, { payment_method: card.id })), owner.id);
    await unchanged(strangers.id, { status: 'requires_payment_method', payment_method: null, customer: stranger.id });

    const owners = await server.paymentIntents.create({ amount: 800, currency: 'usd', customer: owner.id, payment_method: card.id });
    expectRefusedForOwner(await failure(server.paymentIntents.update(owners.id, { customer: stranger.id })), owner.id);
    await unchanged(owners.id, { status: 'requires_confirmation', payment_method: card.id, customer: owner.id });
    expect(await server.paymentIntents.update(owners.id, { metadata: { order: '7' } })).toMatchObject({ metadata: { order: '7' } });
  });

  it('refuses at confirm the card passed, or the one on the intent once it belongs to someone else, changing nothing', async () => {
    const { owner, stranger, card } = await savedCard();
    const strangers = await server.paymentIntents.create({ amount: 900, currency: 'usd', customer: stranger.id });
    expectRefusedForOwner(await failure(server.paymentIntents.confirm(strangers.id, { payment_method: card.id })), owner.id);
    await unchanged(strangers.id, { status: 'requires_payment_method', payment_method: null });

    // Chosen while the card was nobody's, then saved on a customer before the guest intent was confirmed.
    const loose = await server.paymentMethods.create({ type: 'card', card: { number: '5555555555554444', exp_month: 12, exp_year: nextYear, cvc: '123' } });
    const guest = await server.paymentIntents.create({ amount: 900, currency: 'usd', payment_method: loose.id });
    await server.paymentMethods.attach(loose.id, { customer: owner.id });
    expectRefusedForOwner(await failure(server.paymentIntents.confirm(guest.id)), owner.id);
    await unchanged(guest.id, { status: 'requires_confirmation', payment_method: loose.id, customer: null });
  });

  it('refuses the same with a publishable key and the client secret, without naming the card\'s customer', async () => {
    const { owner, card } = await savedCard();
    const guest = await server.paymentIntents.create({ amount: 1500, currency: 'usd' });
    const error = await failure(browser.paymentIntents.confirm(guest.id, clientSide({ payment_method: card.id, client_secret: guest.client_secret!, expand: ['payment_method'] })));
    expectRefusedForOwner(error, owner.id);
    expect(JSON.stringify(error.raw)).not.toContain('Ada Owner');
    await unchanged(guest.id, { status: 'requires_payment_method', payment_method: null });
  });

  it('shows a publishable key the card it paid with, but not its customer, fingerprint or billing details', async () => {
    const { owner, card } = await savedCard();
    const intent = await server.paymentIntents.create({ amount: 1500, currency: 'usd', customer: owner.id, metadata: { crm: `vip-${run}` } });
    const confirmed = await browser.paymentIntents.confirm(intent.id, clientSide({ payment_method: card.id, client_secret: intent.client_secret!, expand: ['payment_method'] }));
    const retrieved = await browser.paymentIntents.retrieve(intent.id, { client_secret: intent.client_secret!, expand: ['payment_method'] });
    for (const seen of [confirmed, retrieved]) {
      expect(seen).toMatchObject({ id: intent.id, status: 'succeeded', amount_received: 1500 });
      expect(seen.payment_method).toMatchObject({ id: card.id, object: 'payment_method', card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: nextYear } });
      const paymentMethod = seen.payment_method as Stripe.PaymentMethod;
      expect(paymentMethod.customer).toBeUndefined();
      expect(paymentMethod.billing_details).toBeUndefined();
      expect(paymentMethod.card!.fingerprint).toBeUndefined();
      expect(seen.customer).toBeUndefined();
      expect(seen.metadata).toBeUndefined();
      const text = JSON.stringify(seen);
      for (const secret of [owner.id, card.card!.fingerprint!, 'Ada Owner', '12 Private Lane', `ada.${run}@example.com`, `vip-${run}`]) expect(text).not.toContain(secret);
    }

    const full = await server.paymentIntents.retrieve(intent.id, { expand: ['payment_method'] });
    expect(full).toMatchObject({ customer: owner.id, metadata: { crm: `vip-${run}` } });
    expect(full.payment_method).toMatchObject({ customer: owner.id, billing_details: { name: 'Ada Owner' }, card: { fingerprint: card.card!.fingerprint } });
  });

  it('answers another merchant\'s card, or an unknown one, with a 404 at create, update and confirm', async () => {
    const theirs = await otherMerchant.paymentMethods.create({ type: 'card', card: { number: '4242424242424242', exp_month: 12, exp_year: nextYear, cvc: '123' } });
    const unknown = 'pm_NoSuchCardAtAllXyzQwerty';
    const before = (await server.paymentIntents.list({ limit: 100 })).data.length;
    for (const paymentMethod of [theirs.id, unknown]) {
      for (const confirm of [false, true]) {
        const error = await failure(server.paymentIntents.create({ amount: 500, currency: 'usd', payment_method: paymentMethod, confirm }));
        expect(error).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'payment_method', message: `No such PaymentMethod: '${paymentMethod}'` });
      }
    }
    expect((await server.paymentIntents.list({ limit: 100 })).data).toHaveLength(before);

    const intent = await server.paymentIntents.create({ amount: 500, currency: 'usd' });
    expect(await failure(server.paymentIntents.update(intent.id, { payment_method: theirs.id }))).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'payment_method' });
    expect(await failure(server.paymentIntents.confirm(intent.id, { payment_method: theirs.id }))).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'payment_method' });
    const fromBrowser = await failure(browser.paymentIntents.confirm(intent.id, clientSide({ payment_method: theirs.id, client_secret: intent.client_secret! })));
    expect(fromBrowser).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'payment_method' });
    await unchanged(intent.id, { status: 'requires_payment_method', payment_method: null });
  });
});
