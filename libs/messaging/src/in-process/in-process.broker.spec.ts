import { InProcessBroker } from './in-process.broker.js';
import { RequestTimeoutError, type InboundEvent } from '../broker/message-broker.js';

describe('InProcessBroker', () => {
  it('answers a request asynchronously with a copy of the data, never the caller\'s object', async () => {
    const broker = new InProcessBroker();
    const seen: unknown[] = [];
    await broker.serveRequests('svc', new Map([['svc.echo', async (request) => {
      seen.push(request.data);
      return { ok: true as const, data: request.data };
    }]]));
    const payload = { amount: 2000, nested: { a: 1 } };
    const reply = broker.request('svc.echo', payload, { timeoutMs: 1000, headers: {} });
    const handledSynchronously = seen.length > 0;
    expect(await reply).toEqual({ ok: true, data: payload });
    expect(handledSynchronously).toBe(false);
    expect(seen[0]).not.toBe(payload);
  });

  it('holds a request until its pattern is served, and times out when nobody serves it', async () => {
    const broker = new InProcessBroker();
    const pending = broker.request('late.pattern', {}, { timeoutMs: 2000, headers: {} });
    await broker.serveRequests('late', new Map([['late.pattern', async () => ({ ok: true as const, data: 'served' })]]));
    expect(await pending).toEqual({ ok: true, data: 'served' });
    await expect(broker.request('nobody.serves', {}, { timeoutMs: 50, headers: {} })).rejects.toBeInstanceOf(RequestTimeoutError);
  });

  it('delivers each event to every consumer group, in order, and publish resolves only once they handled it', async () => {
    const broker = new InProcessBroker();
    const byGroup: Record<string, number[]> = { a: [], b: [] };
    for (const group of ['a', 'b']) {
      await broker.consumeEvents(group, new Map([['topic.v1', async (event: InboundEvent) => {
        byGroup[group].push((event.data as { n: number }).n);
      }]]));
    }
    await broker.publish('topic.v1', [1, 2, 3].map((n) => ({ key: 'k', data: { n }, headers: {} })));
    expect(byGroup).toEqual({ a: [1, 2, 3], b: [1, 2, 3] });
  });

  it('redelivers an event whose handler failed until it succeeds', async () => {
    const broker = new InProcessBroker();
    let attempts = 0;
    await broker.consumeEvents('flaky', new Map([['topic.v1', async () => {
      attempts++;
      if (attempts < 3) throw new Error('database briefly unavailable');
    }]]));
    await broker.publish('topic.v1', [{ key: 'k', data: {}, headers: {} }]);
    expect(attempts).toBe(3);
  });

  it('hands a published batch to a concurrent topic\'s handler all at once, in order, and delivers a failed event and those after it again', async () => {
    const broker = new InProcessBroker();
    const started: number[] = [];
    const handled: number[] = [];
    let inFlight = 0;
    let mostAtOnce = 0;
    let failedOnce = false;
    await broker.consumeEvents('grouped', new Map([['topic.v1', async (event: InboundEvent) => {
      const { n } = event.data as { n: number };
      started.push(n);
      mostAtOnce = Math.max(mostAtOnce, ++inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      if (n === 3 && !failedOnce) {
        failedOnce = true;
        throw new Error('this one failed');
      }
      handled.push(n);
    }]]), { concurrentTopics: new Set(['topic.v1']) });
    await broker.publish('topic.v1', [1, 2, 3, 4, 5].map((n) => ({ key: 'k', data: { n }, headers: {} })));
    expect(mostAtOnce).toBe(5);
    expect(started).toEqual([1, 2, 3, 4, 5, 3, 4, 5]);
    expect(handled).toEqual([1, 2, 4, 5, 3, 4, 5]);
    expect(broker.eventLag('grouped')).toBe(0);
  });

  it('holds events until opened when asked to, so that late subscribers lose nothing', async () => {
    const broker = new InProcessBroker({ holdEventsUntilOpen: true });
    const received: unknown[] = [];
    const published = broker.publish('topic.v1', [{ key: 'k', data: { n: 1 }, headers: {} }]);
    await broker.consumeEvents('late', new Map([['topic.v1', async (event: InboundEvent) => { received.push(event.data); }]]));
    broker.open();
    await published;
    expect(received).toEqual([{ n: 1 }]);
  });
});
