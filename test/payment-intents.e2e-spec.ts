import Stripe from 'stripe';
import { createMerchant, sandboxCredentials, stripeClient } from '@payrail/testing';

/** The PaymentIntent lifecycle through the edge, driven by the official Stripe SDK (and plain fetch for the 3D Secure page). */
describe('payment intents: the whole lifecycle', () => {
  const stripe = stripeClient(sandboxCredentials().secret_key);
  const RETURN_URL = 'https://shop.example/checkout/done?order=A-17';

  async function failure(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
    const error = await promise.then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(Stripe.errors.StripeError);
    return error as Stripe.errors.StripeError;
  }

  function authorized(params: Partial<Stripe.PaymentIntentCreateParams> = {}) {
    return stripe.paymentIntents.create({ amount: 2000, currency: 'usd', capture_method: 'manual', payment_method: 'pm_card_visa', confirm: true, ...params });
  }

  /** Opens the 3D Secure page as a browser would and submits its form with one of its two buttons. */
  async function authenticate(intent: Stripe.PaymentIntent, outcome: 'complete' | 'fail'): Promise<Response> {
    const page = await fetch(intent.next_action!.redirect_to_url!.url!);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('Complete authentication');
    expect(html).toContain('Fail authentication');
    const action = /<form method="post" action="([^"]+)"/.exec(html)![1];
    const token = /name="token" value="([^"]+)"/.exec(html)![1];
    return fetch(new URL(action, page.url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token, outcome }).toString(),
      redirect: 'manual',
    });
  }

  describe('automatic capture', () => {
    it('creates, then confirms: succeeded with the amount received and a charge', async () => {
      const created = await stripe.paymentIntents.create({ amount: 2000, currency: 'usd', description: 'Order A-1', metadata: { order: 'A-1' } });
      expect(created).toMatchObject({
        status: 'requires_payment_method',
        amount_capturable: 0,
        amount_received: 0,
        capture_method: 'automatic',
        confirmation_method: 'automatic',
        latest_charge: null,
        next_action: null,
        canceled_at: null,
      });
      const confirmed = await stripe.paymentIntents.confirm(created.id, { payment_method: 'pm_card_visa' });
      expect(confirmed).toMatchObject({ status: 'succeeded', amount_received: 2000, amount_capturable: 0, payment_method: 'pm_card_visa', last_payment_error: null });
      const charge = await stripe.charges.retrieve(confirmed.latest_charge as string);
      expect(charge).toMatchObject({ amount: 2000, amount_captured: 2000, captured: true, paid: true, status: 'succeeded', payment_intent: created.id, description: 'Order A-1' });
    });

    it('confirms on create with confirm: true', async () => {
      const intent = await stripe.paymentIntents.create({ amount: 1500, currency: 'eur', payment_method: 'pm_card_mastercard', confirm: true });
      expect(intent).toMatchObject({ status: 'succeeded', amount_received: 1500 });
      expect(intent.latest_charge).toMatch(/^ch_/);
    });

    it('waits in requires_confirmation when given a payment method without confirm, then confirms with it', async () => {
      const intent = await stripe.paymentIntents.create({ amount: 900, currency: 'usd', payment_method: 'pm_card_visa' });
      expect(intent.status).toBe('requires_confirmation');
      expect((await stripe.paymentIntents.confirm(intent.id)).status).toBe('succeeded');
    });

    it('refuses a second confirmation of a succeeded intent, with the intent in the error', async () => {
      const intent = await stripe.paymentIntents.create({ amount: 900, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
      const error = await failure(stripe.paymentIntents.confirm(intent.id));
      expect(error.statusCode).toBe(400);
      expect(error.code).toBe('payment_intent_unexpected_state');
      expect(error.payment_intent).toMatchObject({ id: intent.id, status: 'succeeded' });
    });

    it('refuses return_url without confirm', async () => {
      const error = await failure(stripe.paymentIntents.create({ amount: 900, currency: 'usd', return_url: RETURN_URL }));
      expect(error).toMatchObject({ statusCode: 400, param: 'return_url' });
    });
  });

  describe('manual capture', () => {
    it('authorises, then captures in full', async () => {
      const intent = await authorized();
      expect(intent).toMatchObject({ status: 'requires_capture', amount_capturable: 2000, amount_received: 0 });
      const charge = await stripe.charges.retrieve(intent.latest_charge as string);
      expect(charge).toMatchObject({ captured: false, amount_captured: 0, paid: true, status: 'succeeded' });

      const captured = await stripe.paymentIntents.capture(intent.id);
      expect(captured).toMatchObject({ status: 'succeeded', amount_received: 2000, amount_capturable: 0 });
      expect(await stripe.charges.retrieve(intent.latest_charge as string)).toMatchObject({ captured: true, amount_captured: 2000 });
    });

    it('captures part, releases the rest, and refunds only what was captured', async () => {
      const intent = await authorized({ amount: 5000 });
      const captured = await stripe.paymentIntents.capture(intent.id, { amount_to_capture: 3200, metadata: { shipped: 'partial' } });
      expect(captured).toMatchObject({ status: 'succeeded', amount: 5000, amount_received: 3200, amount_capturable: 0, metadata: { shipped: 'partial' } });
      expect(await stripe.charges.retrieve(intent.latest_charge as string)).toMatchObject({ amount: 5000, amount_captured: 3200, captured: true });

      const tooMuch = await failure(stripe.refunds.create({ payment_intent: intent.id, amount: 3201 }));
      expect(tooMuch.statusCode).toBe(400);
      expect(await stripe.refunds.create({ payment_intent: intent.id })).toMatchObject({ amount: 3200, status: 'succeeded' });
    });

    it('refuses to capture more than is capturable, and to capture what is not authorised', async () => {
      const intent = await authorized();
      const tooMuch = await failure(stripe.paymentIntents.capture(intent.id, { amount_to_capture: 2001 }));
      expect(tooMuch).toMatchObject({ statusCode: 400, code: 'amount_too_large', param: 'amount_to_capture' });
      expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe('requires_capture');

      const unconfirmed = await stripe.paymentIntents.create({ amount: 2000, currency: 'usd' });
      const early = await failure(stripe.paymentIntents.capture(unconfirmed.id));
      expect(early).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
    });

    it('lets exactly one of two concurrent captures win', async () => {
      const intent = await authorized({ amount: 4000 });
      const results = await Promise.allSettled([
        stripe.paymentIntents.capture(intent.id, { amount_to_capture: 1000 }),
        stripe.paymentIntents.capture(intent.id, { amount_to_capture: 3000 }),
        stripe.paymentIntents.capture(intent.id),
      ]);
      const won = results.filter((result): result is PromiseFulfilledResult<Stripe.Response<Stripe.PaymentIntent>> => result.status === 'fulfilled');
      const lost = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
      expect(won).toHaveLength(1);
      for (const { reason } of lost) expect(reason).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
      const final = await stripe.paymentIntents.retrieve(intent.id);
      expect(final.amount_received).toBe(won[0].value.amount_received);
      expect((await stripe.charges.retrieve(intent.latest_charge as string)).amount_captured).toBe(final.amount_received);
    });
  });

  describe('cancel', () => {
    it.each([
      ['requires_payment_method', () => stripe.paymentIntents.create({ amount: 700, currency: 'usd' })],
      ['requires_confirmation', () => stripe.paymentIntents.create({ amount: 700, currency: 'usd', payment_method: 'pm_card_visa' })],
      [
        'requires_action',
        () => stripe.paymentIntents.create({ amount: 700, currency: 'usd', payment_method: 'pm_card_threeDSecure2Required', confirm: true, return_url: RETURN_URL }),
      ],
      ['requires_capture', () => authorized({ amount: 700 })],
    ] as const)('cancels from %s', async (status, make) => {
      const intent = await make();
      expect(intent.status).toBe(status);
      const canceled = await stripe.paymentIntents.cancel(intent.id, { cancellation_reason: 'requested_by_customer' });
      expect(canceled).toMatchObject({ status: 'canceled', cancellation_reason: 'requested_by_customer', amount_capturable: 0, amount_received: 0, next_action: null });
      expect(canceled.canceled_at).toBeGreaterThanOrEqual(intent.created);
      const again = await failure(stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' }));
      expect(again.code).toBe('payment_intent_unexpected_state');
    });

    it('kills a pending 3D Secure link when canceled', async () => {
      const intent = await stripe.paymentIntents.create({ amount: 700, currency: 'usd', payment_method: 'pm_card_threeDSecure2Required', confirm: true, return_url: RETURN_URL });
      await stripe.paymentIntents.cancel(intent.id);
      expect((await fetch(intent.next_action!.redirect_to_url!.url!)).status).toBe(404);
    });

    it('refuses to cancel a succeeded intent (400 payment_intent_unexpected_state, intent in the error)', async () => {
      const intent = await stripe.paymentIntents.create({ amount: 700, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
      const error = await failure(stripe.paymentIntents.cancel(intent.id));
      expect(error).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
      expect(error.payment_intent).toMatchObject({ id: intent.id, status: 'succeeded' });
      expect(error.message).toMatch(/status of succeeded/);
    });

    it('refuses a cancellation_reason outside Stripe\'s list', async () => {
      const intent = await stripe.paymentIntents.create({ amount: 700, currency: 'usd' });
      const error = await failure(stripe.paymentIntents.cancel(intent.id, { cancellation_reason: 'bored' as 'abandoned' }));
      expect(error).toMatchObject({ statusCode: 400, param: 'cancellation_reason' });
      expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe('requires_payment_method');
    });
  });

  describe('update', () => {
    it('merges metadata as Stripe does and changes amount and description before payment', async () => {
      const intent = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', metadata: { keep: '1', drop: '2' } });
      const updated = await stripe.paymentIntents.update(intent.id, { amount: 1250, currency: 'gbp', description: 'Bigger basket', metadata: { drop: '', add: '3' } });
      expect(updated).toMatchObject({ amount: 1250, currency: 'gbp', description: 'Bigger basket', status: 'requires_payment_method', metadata: { keep: '1', add: '3' } });
      expect(updated.metadata).not.toHaveProperty('drop');
      expect((await stripe.paymentIntents.update(intent.id, { metadata: '' })).metadata).toEqual({});
    });

    it('needs a new confirmation after a new payment method, and confirms the new amount', async () => {
      const intent = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
      const withMethod = await stripe.paymentIntents.update(intent.id, { payment_method: 'pm_card_amex', amount: 1100 });
      expect(withMethod).toMatchObject({ status: 'requires_confirmation', payment_method: 'pm_card_amex' });
      expect(await stripe.paymentIntents.confirm(intent.id)).toMatchObject({ status: 'succeeded', amount_received: 1100 });
    });

    it('freezes the amount once paid or authorised, but still takes metadata', async () => {
      for (const intent of [
        await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true }),
        await authorized({ amount: 1000 }),
      ]) {
        const error = await failure(stripe.paymentIntents.update(intent.id, { amount: 5 }));
        expect(error).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
        expect(error.payment_intent).toMatchObject({ id: intent.id, amount: 1000 });
        expect(await stripe.paymentIntents.update(intent.id, { metadata: { fulfilled: 'yes' } })).toMatchObject({ amount: 1000, metadata: { fulfilled: 'yes' } });
      }
    });

    it('refuses bad input without changing anything', async () => {
      const intent = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
      expect(await failure(stripe.paymentIntents.update(intent.id, { amount: 0 }))).toMatchObject({ statusCode: 400, param: 'amount' });
      expect(await failure(stripe.paymentIntents.update(intent.id, { currency: 'zzz' }))).toMatchObject({ statusCode: 400, param: 'currency' });
      expect(await failure(stripe.paymentIntents.update(intent.id, { customer: 'cus_doesnotexist00000000000' }))).toMatchObject({ statusCode: 404 });
      expect(await stripe.paymentIntents.retrieve(intent.id)).toMatchObject({ amount: 1000, currency: 'usd', customer: null });
    });
  });

  describe('declines', () => {
    it.each([
      ['pm_card_chargeDeclined', 'card_declined', 'generic_decline'],
      ['pm_card_chargeDeclinedInsufficientFunds', 'card_declined', 'insufficient_funds'],
      ['pm_card_chargeDeclinedFraudulent', 'card_declined', 'fraudulent'],
      ['pm_card_chargeDeclinedExpiredCard', 'expired_card', 'expired_card'],
      ['pm_card_chargeDeclinedIncorrectCvc', 'incorrect_cvc', 'incorrect_cvc'],
      ['pm_card_chargeDeclinedProcessingError', 'processing_error', 'processing_error'],
    ])('%s: 402 %s / %s, the intent back in requires_payment_method', async (card, code, declineCode) => {
      const intent = await stripe.paymentIntents.create({ amount: 2000, currency: 'usd' });
      const error = await failure(stripe.paymentIntents.confirm(intent.id, { payment_method: card }));
      expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
      expect(error).toMatchObject({ statusCode: 402, type: 'StripeCardError', code, decline_code: declineCode });
      expect(error.payment_intent).toMatchObject({ id: intent.id, status: 'requires_payment_method', last_payment_error: { code, decline_code: declineCode } });
      const after = await stripe.paymentIntents.retrieve(intent.id);
      expect(after).toMatchObject({ status: 'requires_payment_method', amount_received: 0, last_payment_error: { type: 'card_error', code, decline_code: declineCode } });
      expect(await stripe.charges.retrieve(error.charge!)).toMatchObject({ status: 'failed', paid: false, failure_code: code, outcome: { reason: declineCode, type: 'issuer_declined' }, receipt_url: null });
      // The customer can try another card on the same intent.
      expect(await stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' })).toMatchObject({ status: 'succeeded', last_payment_error: null });
    });
  });

  describe('3D Secure', () => {
    it.each(['pm_card_threeDSecure2Required', 'pm_card_authenticationRequired'])(
      '%s: requires_action, completed on the redirect page, then back to return_url with a 303',
      async (card) => {
        const intent = await stripe.paymentIntents.create({ amount: 2000, currency: 'usd', payment_method: card, confirm: true, return_url: RETURN_URL });
        expect(intent).toMatchObject({
          status: 'requires_action',
          latest_charge: null,
          next_action: { type: 'redirect_to_url', redirect_to_url: { return_url: RETURN_URL } },
        });
        expect(intent.next_action!.redirect_to_url!.url).toMatch(new RegExp(`^http://[^/]+/v1/3ds/${intent.id}\\?token=[A-Za-z0-9]{32}$`));

        const done = await authenticate(intent, 'complete');
        expect(done.status).toBe(303);
        const location = new URL(done.headers.get('location')!);
        expect(`${location.origin}${location.pathname}`).toBe('https://shop.example/checkout/done');
        expect(Object.fromEntries(location.searchParams)).toEqual({
          order: 'A-17',
          payment_intent: intent.id,
          payment_intent_client_secret: intent.client_secret,
          redirect_status: 'succeeded',
        });
        const after = await stripe.paymentIntents.retrieve(intent.id);
        expect(after).toMatchObject({ status: 'succeeded', amount_received: 2000, next_action: null });
        expect(await stripe.charges.retrieve(after.latest_charge as string)).toMatchObject({ status: 'succeeded', captured: true });

        // The link was single-use.
        expect((await fetch(intent.next_action!.redirect_to_url!.url!)).status).toBe(404);
      },
    );

    it('ends in requires_capture for manual capture', async () => {
      const intent = await authorized({ payment_method: 'pm_card_threeDSecure2Required', return_url: RETURN_URL });
      expect(intent.status).toBe('requires_action');
      expect((await authenticate(intent, 'complete')).status).toBe(303);
      expect(await stripe.paymentIntents.retrieve(intent.id)).toMatchObject({ status: 'requires_capture', amount_capturable: 2000 });
    });

    it('returns to requires_payment_method after failed authentication', async () => {
      const intent = await stripe.paymentIntents.create({ amount: 2000, currency: 'usd', payment_method: 'pm_card_threeDSecure2Required', confirm: true, return_url: RETURN_URL });
      const done = await authenticate(intent, 'fail');
      expect(done.status).toBe(303);
      expect(new URL(done.headers.get('location')!).searchParams.get('redirect_status')).toBe('failed');
      const after = await stripe.paymentIntents.retrieve(intent.id);
      expect(after).toMatchObject({
        status: 'requires_payment_method',
        latest_charge: null,
        next_action: null,
        last_payment_error: { code: 'payment_intent_authentication_failure', type: 'invalid_request_error' },
      });
      expect(await stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' })).toMatchObject({ status: 'succeeded' });
    });

    it('without a return_url, the page itself says how it ended', async () => {
      const intent = await stripe.paymentIntents.create({ amount: 2000, currency: 'usd', payment_method: 'pm_card_threeDSecure2Required', confirm: true });
      expect(intent.next_action!.redirect_to_url!.return_url).toBeNull();
      const done = await authenticate(intent, 'complete');
      expect(done.status).toBe(200);
      expect(await done.text()).toContain('Authentication complete');
      expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe('succeeded');
    });

    it('refuses a wrong token without touching the intent', async () => {
      const intent = await stripe.paymentIntents.create({ amount: 2000, currency: 'usd', payment_method: 'pm_card_threeDSecure2Required', confirm: true, return_url: RETURN_URL });
      const url = new URL(intent.next_action!.redirect_to_url!.url!);
      url.searchParams.set('token', 'x'.repeat(32));
      expect((await fetch(url)).status).toBe(404);
      const posted = await fetch(new URL(url.pathname, url), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `token=${'x'.repeat(32)}&outcome=complete`,
        redirect: 'manual',
      });
      expect(posted.status).toBe(404);
      expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe('requires_action');
    });
  });

  describe('list', () => {
    it('filters by created and customer', async () => {
      const customer = await stripe.customers.create({ email: 'buyer@example.com' });
      const first = await stripe.paymentIntents.create({ amount: 100, currency: 'usd', customer: customer.id });
      const second = await stripe.paymentIntents.create({ amount: 200, currency: 'usd', customer: customer.id });
      await stripe.paymentIntents.create({ amount: 300, currency: 'usd' });

      const byCustomer = await stripe.paymentIntents.list({ customer: customer.id });
      expect(byCustomer.data.map((intent) => intent.id)).toEqual([second.id, first.id]);

      const since = await stripe.paymentIntents.list({ created: { gte: first.created }, limit: 100 });
      expect(since.data.map((intent) => intent.id)).toEqual(expect.arrayContaining([first.id, second.id]));
      expect(since.data.every((intent) => intent.created >= first.created)).toBe(true);
      const before = await stripe.paymentIntents.list({ created: { lt: first.created }, limit: 100 });
      expect(before.data.every((intent) => intent.created < first.created)).toBe(true);
      expect(before.data.map((intent) => intent.id)).not.toContain(first.id);
    });

    it('pages in a stable order while intents are being created', async () => {
      const merchant = stripeClient((await createMerchant('Pager')).secret_key);
      const existing = new Set<string>();
      for (let n = 0; n < 7; n++) existing.add((await merchant.paymentIntents.create({ amount: 100 + n, currency: 'usd' })).id);
      const seen: string[] = [];
      const inserting = Promise.all(Array.from({ length: 5 }, (_, n) => merchant.paymentIntents.create({ amount: 500 + n, currency: 'usd' })));
      for await (const intent of merchant.paymentIntents.list({ limit: 2 })) seen.push(intent.id);
      await inserting;
      expect(new Set(seen).size).toBe(seen.length);
      for (const id of existing) expect(seen).toContain(id);
    });

    it('keeps another merchant\'s intents out of reach', async () => {
      const other = stripeClient((await createMerchant('Intruder')).secret_key);
      const mine = await authorized();
      for (const attempt of [other.paymentIntents.capture(mine.id), other.paymentIntents.cancel(mine.id), other.paymentIntents.update(mine.id, { metadata: { a: 'b' } })]) {
        expect((await failure(attempt)).statusCode).toBe(404);
      }
      expect((await stripe.paymentIntents.retrieve(mine.id)).status).toBe('requires_capture');
    });
  });

  describe('events', () => {
    it('tells the merchant about each step', async () => {
      const intent = await authorized();
      await stripe.paymentIntents.capture(intent.id, { amount_to_capture: 1500 });
      const secure = await stripe.paymentIntents.create({ amount: 300, currency: 'usd', payment_method: 'pm_card_threeDSecure2Required', confirm: true, return_url: RETURN_URL });
      await stripe.paymentIntents.cancel(secure.id);

      const expected: Array<[string, string]> = [
        ['payment_intent.created', intent.id],
        ['charge.succeeded', intent.id],
        ['payment_intent.amount_capturable_updated', intent.id],
        ['charge.captured', intent.id],
        ['payment_intent.succeeded', intent.id],
        ['payment_intent.requires_action', secure.id],
        ['payment_intent.canceled', secure.id],
      ];
      const about = (event: Stripe.Event) => {
        const object = event.data.object as { id: string; object: string; payment_intent?: string };
        return object.object === 'charge' ? object.payment_intent : object.id;
      };
      const deadline = Date.now() + 20_000;
      let missing = expected;
      while (missing.length > 0 && Date.now() < deadline) {
        const found = await Promise.all(missing.map(async ([type, id]) => (await stripe.events.list({ type, limit: 100 })).data.some((event) => about(event) === id)));
        missing = missing.filter((_, index) => !found[index]);
        if (missing.length > 0) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(missing).toEqual([]);
    });
  });
});
