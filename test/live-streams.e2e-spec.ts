import Stripe from 'stripe';
import { createMerchant, sandboxCredentials, StreamClient, stripeClient, testEdgeUrls, type MerchantCredentials } from '@payrail/testing';

// The live streams on two edge replicas (two processes on Kafka, two Nest apps in the all-in-one
// process): a client gets what happens wherever the request that caused it landed.
const [edgeA, edgeB] = testEdgeUrls();
const sandbox = sandboxCredentials();

interface StreamedEvent {
  id: string;
  object: string;
  type: string;
  data: { object: { id: string; status?: string } };
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const isEventOf = (intentId: string, type?: string) => (message: Record<string, unknown>) => {
  const event = message as unknown as StreamedEvent;
  return event.object === 'event' && event.data.object.id === intentId && (type === undefined || event.type === type);
};

async function accessToken(credentials: { client_id: string; client_secret: string }, scope: string): Promise<string> {
  const response = await fetch(`${edgeA}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: credentials.client_id, client_secret: credentials.client_secret, scope }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** Every event of the merchant, oldest first, as `GET /v1/events` lists them. */
async function storedEvents(secretKey: string): Promise<StreamedEvent[]> {
  const all: StreamedEvent[] = [];
  let startingAfter: string | undefined;
  for (;;) {
    const query = new URLSearchParams({ limit: '100', ...(startingAfter ? { starting_after: startingAfter } : {}) });
    const page = (await (await fetch(`${edgeA}/v1/events?${query}`, { headers: bearer(secretKey) })).json()) as { data: StreamedEvent[]; has_more: boolean };
    all.push(...page.data);
    if (!page.has_more) return all.reverse();
    startingAfter = page.data.at(-1)!.id;
  }
}

/** Waits until the stored events include one of `type` about `intentId`. */
async function recorded(secretKey: string, intentId: string, type: string): Promise<StreamedEvent[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const events = await storedEvents(secretKey);
    if (events.some((event) => event.type === type && event.data.object.id === intentId)) return events;
    if (Date.now() > deadline) throw new Error(`${type} for ${intentId} was never recorded`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('live event stream /v1/events/stream', () => {
  const streams: StreamClient[] = [];
  afterEach(async () => {
    await Promise.all(streams.splice(0).map((stream) => stream.close()));
  });
  const open = async (url: string, headers: Record<string, string>) => {
    const stream = await StreamClient.open(url, headers);
    streams.push(stream);
    return stream;
  };

  it('sends a client on replica A the events of a payment confirmed through replica B, as GET /v1/events shows them', async () => {
    const stream = await open(`${edgeA}/v1/events/stream`, bearer(sandbox.secret_key));
    const intent = await stripeClient(sandbox.secret_key, edgeB).paymentIntents.create({ amount: 1500, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });

    const [succeeded] = await stream.received(1, isEventOf(intent.id, 'payment_intent.succeeded'));
    const stored = await (await fetch(`${edgeB}/v1/events/${String(succeeded['id'])}`, { headers: bearer(sandbox.secret_key) })).json();
    expect(succeeded).toEqual(stored);
    expect(succeeded).toMatchObject({ object: 'event', type: 'payment_intent.succeeded', data: { object: { id: intent.id, status: 'succeeded' } } });
  });

  it('takes an OAuth access token with payments:read, and refuses no key, a wrong key, a publishable key and a token without the scope', async () => {
    const url = `${edgeA}/v1/events/stream`;
    expect(await StreamClient.refusal(url)).toMatchObject({ status: 401, body: { error: { type: 'authentication_error', code: 'authentication_required' } } });
    expect(await StreamClient.refusal(url, bearer('sk_test_notarealkey0000000000000000'))).toMatchObject({ status: 401, body: { error: { code: 'api_key_invalid' } } });
    expect(await StreamClient.refusal(url, bearer(sandbox.publishable_key))).toMatchObject({ status: 403, body: { error: { code: 'permission_denied' } } });

    const credentials = JSON.parse(process.env.PAYRAIL_TEST_CREDENTIALS!) as MerchantCredentials;
    const writeOnly = await accessToken(credentials, 'payments:write');
    const refused = await StreamClient.refusal(url, bearer(writeOnly));
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'insufficient_scope' } } });
    expect(refused.headers['www-authenticate']).toContain('scope="payments:read"');

    const stream = await open(url, bearer(await accessToken(credentials, 'payments:read payments:write')));
    const intent = await stripeClient(sandbox.secret_key, edgeB).paymentIntents.create({ amount: 900, currency: 'usd' });
    await stream.received(1, isEventOf(intent.id, 'payment_intent.created'));
  });

  it('refuses an unknown type filter, an unknown parameter and a cursor that is not the merchant\'s, with 4xx answers', async () => {
    const url = `${edgeA}/v1/events/stream`;
    expect(await StreamClient.refusal(`${url}?types[]=payment_intent.exploded`, bearer(sandbox.secret_key))).toMatchObject({ status: 400, body: { error: { code: 'parameter_invalid', param: 'types' } } });
    expect(await StreamClient.refusal(`${url}?since=yesterday`, bearer(sandbox.secret_key))).toMatchObject({ status: 400, body: { error: { code: 'parameter_unknown', param: 'since' } } });
    expect(await StreamClient.refusal(`${url}?starting_after=evt_doesnotexist000000000000`, bearer(sandbox.secret_key))).toMatchObject({ status: 404, body: { error: { code: 'resource_missing', param: 'starting_after' } } });
  });

  it('sends only the types asked for, exactly or by group', async () => {
    const unfiltered = await open(`${edgeA}/v1/events/stream`, bearer(sandbox.secret_key));
    const exact = await open(`${edgeA}/v1/events/stream?types[]=payment_intent.succeeded`, bearer(sandbox.secret_key));
    const group = await open(`${edgeB}/v1/events/stream?types[]=charge.*&types[]=payment_intent.created`, bearer(sandbox.secret_key));
    const intent = await stripeClient(sandbox.secret_key, edgeB).paymentIntents.create({ amount: 2500, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });

    await unfiltered.received(1, isEventOf(intent.id, 'payment_intent.succeeded'));
    await exact.received(1, isEventOf(intent.id, 'payment_intent.succeeded'));
    await group.received(1, isEventOf(intent.id, 'payment_intent.created'));
    await group.received(1, (message) => message['type'] === 'charge.succeeded' && (message as { data: { object: { payment_intent?: string } } }).data.object.payment_intent === intent.id);
    expect(new Set(exact.messages.map((message) => message['type']))).toEqual(new Set(['payment_intent.succeeded']));
    for (const message of group.messages) expect(String(message['type'])).toMatch(/^(charge\.|payment_intent\.created$)/);
  });

  it('resumes after a disconnect from the last event received, on the other replica, with no gap and no duplicate', async () => {
    const merchant = await createMerchant('Stream resume');
    const stripe = stripeClient(merchant.secret_key, edgeB);
    const first = await open(`${edgeA}/v1/events/stream`, bearer(merchant.secret_key));
    const before = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
    await first.received(1, isEventOf(before.id, 'payment_intent.succeeded'));
    await first.close();
    const seenFirst = first.messages.map((message) => String(message['id']));

    // Happens while the client is away: the replay must bring it.
    const whileAway = await stripe.paymentIntents.create({ amount: 2000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
    await recorded(merchant.secret_key, whileAway.id, 'payment_intent.succeeded');

    const resumed = await open(`${edgeB}/v1/events/stream?starting_after=${seenFirst.at(-1)}`, bearer(merchant.secret_key));
    const after = await stripeClient(merchant.secret_key, edgeA).paymentIntents.create({ amount: 3000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
    await resumed.received(1, isEventOf(after.id, 'payment_intent.succeeded'));
    await resumed.received(1, isEventOf(whileAway.id, 'payment_intent.succeeded'));

    const stored = (await recorded(merchant.secret_key, after.id, 'payment_intent.succeeded')).map((event) => event.id);
    const seen = [...seenFirst, ...resumed.messages.map((message) => String(message['id']))];
    expect(seen).toEqual(stored);

    // The same from the header a reconnecting EventSource-style client sends.
    const byHeader = await open(`${edgeA}/v1/events/stream`, { ...bearer(merchant.secret_key), 'last-event-id': seenFirst.at(-1)! });
    const replayed = await byHeader.received(stored.length - seenFirst.length);
    expect(replayed.map((message) => message['id'])).toEqual(stored.slice(seenFirst.length));
  });

  it('pings its clients, and drops one that stops answering while keeping the others', async () => {
    const answering = await open(`${edgeA}/v1/events/stream`, bearer(sandbox.secret_key));
    const silent = await StreamClient.open(`${edgeA}/v1/events/stream`, bearer(sandbox.secret_key), { answerPings: false });
    streams.push(silent);

    // The platform under test pings every 2 s: the silent client is cut at the second ping.
    expect(await silent.closed(10_000)).toBe(1006);
    expect(answering.pings).toBeGreaterThanOrEqual(1);
    expect(answering.closeCode).toBeUndefined();
    const intent = await stripeClient(sandbox.secret_key, edgeB).paymentIntents.create({ amount: 700, currency: 'usd' });
    await answering.received(1, isEventOf(intent.id, 'payment_intent.created'));
  });
});

describe('payment intent status stream /v1/payment_intents/{id}/stream', () => {
  const RETURN_URL = 'https://shop.example/checkout/done';
  const stripe = stripeClient(sandbox.secret_key);
  const streamUrl = (edge: string, intent: Stripe.PaymentIntent, params: Record<string, string>) =>
    `${edge}/v1/payment_intents/${intent.id}/stream?${new URLSearchParams(params)}`;

  it('shows a 3-D Secure payment go from requires_action to succeeded, then closes', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 4200, currency: 'usd', payment_method: 'pm_card_threeDSecure2Required', confirm: true, return_url: RETURN_URL });
    expect(intent.status).toBe('requires_action');
    const stream = await StreamClient.open(streamUrl(edgeB, intent, { key: sandbox.publishable_key, client_secret: intent.client_secret! }));

    const [current] = await stream.received(1);
    expect(current).toEqual({
      object: 'payment_intent.status',
      id: intent.id,
      status: 'requires_action',
      next_action: intent.next_action,
      last_payment_error: null,
      amount_received: 0,
      receipt_number: null,
    });

    // The customer completes the challenge on the 3-D Secure page (served by the other replica).
    const page = await fetch(intent.next_action!.redirect_to_url!.url!);
    const html = await page.text();
    const action = /<form method="post" action="([^"]+)"/.exec(html)![1];
    const token = /name="token" value="([^"]+)"/.exec(html)![1];
    const done = await fetch(new URL(action, page.url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token, outcome: 'complete' }).toString(),
      redirect: 'manual',
    });
    expect(done.status).toBe(303);

    const [, final] = await stream.received(2);
    expect(final).toMatchObject({ id: intent.id, status: 'succeeded', next_action: null, amount_received: 4200 });
    expect(await stream.closed()).toBe(1000);
    expect(stream.messages).toHaveLength(2);
  });

  it('sends a finished intent\'s state once and closes, to a secret key without a client secret', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 800, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
    const stream = await StreamClient.open(`${edgeA}/v1/payment_intents/${intent.id}/stream`, bearer(sandbox.secret_key));
    expect(await stream.closed()).toBe(1000);
    expect(stream.messages).toEqual([expect.objectContaining({ id: intent.id, status: 'succeeded', amount_received: 800 })]);
  });

  it('refuses a missing or wrong client secret, and another merchant\'s intent, as an unknown one', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 1200, currency: 'usd' });
    const other = await createMerchant('Stream outsider');

    expect(await StreamClient.refusal(streamUrl(edgeA, intent, { key: sandbox.publishable_key }))).toMatchObject({ status: 400, body: { error: { code: 'parameter_missing', param: 'client_secret' } } });
    const wrongSecret = await StreamClient.refusal(streamUrl(edgeA, intent, { key: sandbox.publishable_key, client_secret: `${intent.id}_secret_wrong` }));
    expect(wrongSecret).toMatchObject({ status: 404, body: { error: { code: 'resource_missing' } } });
    const otherMerchant = await StreamClient.refusal(streamUrl(edgeB, intent, { key: other.publishable_key, client_secret: intent.client_secret! }));
    expect(otherMerchant).toMatchObject({ status: 404, body: { error: { code: 'resource_missing' } } });
    expect(otherMerchant.body.error.message).toBe(wrongSecret.body.error.message);
    expect(await StreamClient.refusal(streamUrl(edgeA, intent, { client_secret: intent.client_secret! }))).toMatchObject({ status: 401 });
    expect(await StreamClient.refusal(`${edgeA}/v1/payment_intents/pi_%E0%A4%A/stream`, bearer(sandbox.secret_key))).toMatchObject({ status: 404, body: { error: { code: 'resource_missing' } } });
    expect(await StreamClient.refusal(`${edgeA}/v1/charges/stream`, bearer(sandbox.secret_key))).toMatchObject({ status: 404, body: { error: { code: 'route_missing' } } });
  });
});
