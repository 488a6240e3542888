import type Stripe from 'stripe';
import { createMerchant, stripeClient } from '@payrail/testing';

/** The merchant's `payment_intent.created` event about `intentId`, once webhook-dispatch has recorded it. */
async function recordedCreation(stripe: Stripe, intentId: string): Promise<Stripe.Event> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const listed = await stripe.events.list({ type: 'payment_intent.created', limit: 100 });
    const event = listed.data.find((candidate) => (candidate.data.object as { id: string }).id === intentId);
    if (event) return event;
    if (Date.now() > deadline) throw new Error(`payment_intent.created for ${intentId} was never recorded`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('GET /v1/events', () => {
  let key: string;
  let stripe: Stripe;
  let earlier: Stripe.Event;
  let later: Stripe.Event;

  beforeAll(async () => {
    key = (await createMerchant('Events list spec')).secret_key;
    stripe = stripeClient(key);
    const first = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
    earlier = await recordedCreation(stripe, first.id);
    // `created` is in whole seconds: the second event must be recorded in a later one to be told apart.
    while (Math.floor(Date.now() / 1000) <= earlier.created) await new Promise((resolve) => setTimeout(resolve, 100));
    const second = await stripe.paymentIntents.create({ amount: 2000, currency: 'usd' });
    later = await recordedCreation(stripe, second.id);
  });

  const listedIds = async (params: Stripe.EventListParams) => (await stripe.events.list({ type: 'payment_intent.created', limit: 100, ...params })).data.map((event) => event.id);

  it("takes Stripe's created filter through the official SDK: an exact second or gt, gte, lt, lte", async () => {
    expect(later.created).toBeGreaterThan(earlier.created);
    expect(await listedIds({ created: { gte: later.created } })).toEqual([later.id]);
    expect(await listedIds({ created: { gt: earlier.created } })).toEqual([later.id]);
    expect(await listedIds({ created: { lt: later.created } })).toEqual([earlier.id]);
    expect(await listedIds({ created: { lte: earlier.created } })).toEqual([earlier.id]);
    expect(await listedIds({ created: { gte: earlier.created, lte: later.created } })).toEqual([later.id, earlier.id]);
    expect(await listedIds({ created: earlier.created })).toEqual([earlier.id]);
    expect(await listedIds({ created: { gt: later.created } })).toEqual([]);
  });

  it('pages within the filter', async () => {
    const page = await stripe.events.list({ type: 'payment_intent.created', created: { gte: earlier.created }, limit: 1 });
    expect(page.data.map((event) => event.id)).toEqual([later.id]);
    expect(page.has_more).toBe(true);
    const next = await stripe.events.list({ type: 'payment_intent.created', created: { gte: earlier.created }, limit: 1, starting_after: later.id });
    expect(next.data.map((event) => event.id)).toEqual([earlier.id]);
    expect(next.has_more).toBe(false);
  });

  it.each([
    ['created=yesterday'],
    ['created[gte]=yesterday'],
    ['created[after]=100'],
    ['created[gt]=-1'],
    ['created[lt]=99999999999999'],
  ])('answers %s with a 400 naming created, not a list', async (query) => {
    const response = await fetch(`${process.env.PAYRAIL_TEST_BASE_URL}/v1/events?${query}`, { headers: { Authorization: `Bearer ${key}` } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error', param: 'created' } });
  });

  it("does not show another merchant's events, whatever the range", async () => {
    const other = stripeClient((await createMerchant('Events list spec, other merchant')).secret_key);
    const listed = await other.events.list({ created: { gte: earlier.created }, limit: 100 });
    expect(listed.data.map((event) => event.id)).not.toEqual(expect.arrayContaining([earlier.id]));
    expect(listed.data.map((event) => event.id)).not.toEqual(expect.arrayContaining([later.id]));
  });
});
