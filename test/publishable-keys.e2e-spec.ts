import Stripe from 'stripe';
import { createMerchant, sandboxCredentials, stripeClient } from '@payrail/testing';

const PUBLISHABLE_KEY_REFUSED = 'This API call cannot be made with a publishable API key. Please use a secret API key.';

/** Stripe's SDK types leave `client_secret` out of confirm's params, but Stripe.js sends it exactly so. */
function confirmParams(params: { payment_method?: string; client_secret?: string }): Stripe.PaymentIntentConfirmParams {
  return params as Stripe.PaymentIntentConfirmParams;
}

async function refusal(request: Promise<unknown> | (() => Promise<unknown>)): Promise<Stripe.errors.StripeError> {
  const error = await (typeof request === 'function' ? request() : request).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(Stripe.errors.StripeError);
  return error as Stripe.errors.StripeError;
}

describe('a publishable key does what Stripe lets client-side code do, and nothing else', () => {
  const credentials = sandboxCredentials();
  const server = stripeClient(credentials.secret_key);
  const browser = stripeClient(credentials.publishable_key);
  const card = () => ({ number: '4242424242424242', exp_month: 12, exp_year: new Date().getUTCFullYear() + 3, cvc: '123' });

  const newIntent = () => server.paymentIntents.create({ amount: 1500, currency: 'usd', allowed_payment_method_types: ['card'] });

  it('creates a card PaymentMethod, retrieves the intent with its client secret and confirms it to success', async () => {
    const paymentMethod = await browser.paymentMethods.create({ type: 'card', card: card() });
    expect(paymentMethod).toMatchObject({ object: 'payment_method', type: 'card', card: { last4: '4242', brand: 'visa' } });
    expect(paymentMethod.id).toMatch(/^pm_/);
    expect(JSON.stringify(paymentMethod)).not.toContain('4242424242424242');

    const intent = await newIntent();
    const retrieved = await browser.paymentIntents.retrieve(intent.id, { client_secret: intent.client_secret! });
    expect(retrieved).toMatchObject({ id: intent.id, status: 'requires_payment_method', amount: 1500, client_secret: intent.client_secret });

    const confirmed = await browser.paymentIntents.confirm(intent.id, confirmParams({ payment_method: paymentMethod.id, client_secret: intent.client_secret! }));
    expect(confirmed).toMatchObject({ id: intent.id, status: 'succeeded', amount_received: 1500, payment_method: paymentMethod.id });
    expect(await server.paymentIntents.retrieve(intent.id)).toMatchObject({ status: 'succeeded' });
  });

  it('refuses every other call with a 403 asking for a secret key', async () => {
    const intent = await server.paymentIntents.create({ amount: 900, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
    expect(intent.status).toBe('succeeded');
    const attempts: Array<[string, () => Promise<unknown>]> = [
      ['list intents', () => browser.paymentIntents.list()],
      ['create an intent', () => browser.paymentIntents.create({ amount: 1000, currency: 'usd' })],
      ['update an intent', () => browser.paymentIntents.update(intent.id, { metadata: { a: 'b' } })],
      ['cancel an intent', () => browser.paymentIntents.cancel(intent.id)],
      ['refund', () => browser.refunds.create({ payment_intent: intent.id })],
      ['list payment methods', () => browser.paymentMethods.list({ type: 'card' })],
      ['list customers', () => browser.customers.list()],
    ];
    for (const [what, attempt] of attempts) {
      const error = await refusal(attempt);
      expect({ what, status: error.statusCode, message: error.message }).toEqual({ what, status: 403, message: PUBLISHABLE_KEY_REFUSED });
      expect(error).toBeInstanceOf(Stripe.errors.StripePermissionError);
    }
    const refunds = await server.refunds.list({ payment_intent: intent.id });
    expect(refunds.data).toEqual([]);
  });

  it('needs the client secret to retrieve or confirm, and answers a wrong one as if the intent did not exist', async () => {
    const intent = await newIntent();

    for (const attempt of [
      () => browser.paymentIntents.retrieve(intent.id),
      () => browser.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' }),
    ]) {
      const missing = await refusal(attempt);
      expect(missing).toMatchObject({ statusCode: 400, type: 'StripeInvalidRequestError', code: 'parameter_missing', param: 'client_secret' });
    }

    const unknownId = await refusal(browser.paymentIntents.retrieve('pi_000000000000000000000000', { client_secret: 'pi_000000000000000000000000_secret_x' }));
    expect(unknownId).toMatchObject({ statusCode: 404, code: 'resource_missing' });
    for (const attempt of [
      () => browser.paymentIntents.retrieve(intent.id, { client_secret: `${intent.id}_secret_wrong` }),
      () => browser.paymentIntents.confirm(intent.id, confirmParams({ payment_method: 'pm_card_visa', client_secret: `${intent.id}_secret_wrong` })),
    ]) {
      const wrong = await refusal(attempt);
      expect(wrong).toMatchObject({ statusCode: 404, code: 'resource_missing', message: `No such payment_intent: '${intent.id}'` });
    }
    expect(await server.paymentIntents.retrieve(intent.id)).toMatchObject({ status: 'requires_payment_method', payment_method: null, latest_charge: null });
  });

  it('does not reach another merchant\'s intent, even with that intent\'s own client secret', async () => {
    const other = await createMerchant('Publishable key neighbour');
    const otherBrowser = stripeClient(other.publishable_key);
    const intent = await newIntent();

    const retrieved = await refusal(otherBrowser.paymentIntents.retrieve(intent.id, { client_secret: intent.client_secret! }));
    expect(retrieved).toMatchObject({ statusCode: 404, code: 'resource_missing' });
    const confirmed = await refusal(otherBrowser.paymentIntents.confirm(intent.id, confirmParams({ payment_method: 'pm_card_visa', client_secret: intent.client_secret! })));
    expect(confirmed).toMatchObject({ statusCode: 404, code: 'resource_missing' });
    expect(await server.paymentIntents.retrieve(intent.id)).toMatchObject({ status: 'requires_payment_method' });

    const ownIntent = await stripeClient(other.secret_key).paymentIntents.create({ amount: 700, currency: 'usd' });
    expect(await otherBrowser.paymentIntents.retrieve(ownIntent.id, { client_secret: ownIntent.client_secret! })).toMatchObject({ id: ownIntent.id, amount: 700 });
    expect(await refusal(browser.paymentIntents.retrieve(ownIntent.id, { client_secret: ownIntent.client_secret! }))).toMatchObject({ statusCode: 404 });
  });

  it('lets a secret key send a client secret, right or wrong, and ignores it as Stripe does', async () => {
    const intent = await newIntent();
    expect(await server.paymentIntents.retrieve(intent.id, { client_secret: 'not_the_secret' })).toMatchObject({ id: intent.id });
    const confirmed = await server.paymentIntents.confirm(intent.id, confirmParams({ payment_method: 'pm_card_visa', client_secret: 'not_the_secret' }));
    expect(confirmed).toMatchObject({ id: intent.id, status: 'succeeded' });
  });
});
