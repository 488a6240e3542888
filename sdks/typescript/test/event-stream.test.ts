import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AuthenticationError, Payrail, type EventResource } from '../src/index.js';
import { baseUrl, secretKeyClient } from './platform.js';

describe('the event stream against the platform', () => {
  it('yields a payment\'s events live, then resumes after the last one without repeating it', async () => {
    const payrail = secretKeyClient();
    const stop = new AbortController();
    const received: EventResource[] = [];
    const listening = (async () => {
      for await (const event of payrail.streamEvents({ types: ['payment_intent.*'], signal: stop.signal })) {
        received.push(event);
        if (event.type === 'payment_intent.succeeded') stop.abort();
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const intent = await payrail.paymentIntents.postPaymentIntents({ createPaymentIntentDto: { amount: 3100, currency: 'usd', payment_method: 'pm_card_visa', confirm: true } });
    const timer = setTimeout(() => stop.abort(), 10_000);
    await listening;
    clearTimeout(timer);
    const mine = received.filter((event) => JSON.stringify(event.data).includes(intent.id));
    assert.ok(mine.some((event) => event.type === 'payment_intent.succeeded'), `got ${received.map((e) => e.type).join(', ')}`);
    assert.ok(received.every((event) => event.type.startsWith('payment_intent.')), 'the types filter applied');

    // Resuming from the first of them replays what came after it, and not it.
    const first = mine[0];
    const resumed: string[] = [];
    const again = new AbortController();
    const timer2 = setTimeout(() => again.abort(), 10_000);
    for await (const event of payrail.streamEvents({ types: ['payment_intent.*'], startingAfter: first.id, signal: again.signal })) {
      resumed.push(event.id);
      if (event.id === mine.at(-1)?.id) again.abort();
    }
    clearTimeout(timer2);
    assert.ok(!resumed.includes(first.id));
    for (const event of mine.slice(1)) assert.ok(resumed.includes(event.id), `${event.id} replayed`);
  });

  it('reports a refused upgrade as a typed error', async () => {
    const payrail = new Payrail({ baseUrl, apiKey: 'sk_test_not_a_real_key' });
    await assert.rejects(async () => {
      for await (const event of payrail.streamEvents()) assert.fail(`no event expected, got ${event.id}`);
    }, (error: unknown) => error instanceof AuthenticationError && error.status === 401);
  });
});
