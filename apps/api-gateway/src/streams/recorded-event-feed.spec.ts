import { Patterns, Topics, type Caller, type PositionedEvent, type PositionedEvents, type RecordedEvent } from '@payrail/contracts';
import { InProcessBroker, newEvent, type MessageClient } from '@payrail/messaging';
import { RecordedEventFeed } from './recorded-event-feed.js';

const merchant: Caller = { merchantId: 'acct_streamed', livemode: false };
const other: Caller = { merchantId: 'acct_quiet', livemode: false };

function stored(n: number): PositionedEvent {
  const micros = String(n).padStart(6, '0');
  return { position: `2026-01-01T00:00:00.${micros}Z`, event: { id: `evt_${micros}`, object: 'event', type: 'charge.succeeded' } as PositionedEvent['event'] };
}

/** webhook-dispatch's answer to EventsPositioned, from a stored list (stored order, the caller's own only); `failing` answers with an error. */
class FakeEvents {
  readonly asked: Array<{ caller: Caller; ids: string[] }> = [];
  failing = 0;
  constructor(private readonly events: Map<string, PositionedEvent[]>) {}
  async send(pattern: string, request: { caller: Caller; params: { ids: string[] } }): Promise<PositionedEvents> {
    expect(pattern).toBe(Patterns.EventsPositioned);
    this.asked.push({ caller: request.caller, ids: request.params.ids });
    if (this.failing > 0) {
      this.failing--;
      throw new Error('webhook-dispatch is restarting');
    }
    const own = this.events.get(request.caller.merchantId) ?? [];
    return { data: own.filter((event) => request.params.ids.includes(event.event.id)) };
  }
}

async function feedOn(broker: InProcessBroker, events: FakeEvents): Promise<RecordedEventFeed> {
  const feed = new RecordedEventFeed(broker, events as unknown as MessageClient);
  await feed.onModuleInit();
  return feed;
}

function notice(owner: Caller, ids: string[]): { key: string; data: RecordedEvent; headers: Record<string, string> } {
  return { key: owner.merchantId, data: newEvent('events.recorded', owner, owner.merchantId, { ids }) as RecordedEvent, headers: {} };
}

describe('RecordedEventFeed', () => {
  it("fetches a notice's events for a merchant it streams, and hands them over in stored order", async () => {
    const broker = new InProcessBroker();
    const events = new FakeEvents(new Map([[merchant.merchantId, [stored(1), stored(2), stored(3)]]]));
    const feed = await feedOn(broker, events);
    const seen: string[] = [];
    feed.subscribe(merchant, ({ event }) => seen.push(event.id));

    await broker.publish(Topics.RecordedEvents, [notice(merchant, ['evt_000003', 'evt_000001', 'evt_000002'])]);

    expect(seen).toEqual(['evt_000001', 'evt_000002', 'evt_000003']);
    expect(events.asked).toEqual([{ caller: merchant, ids: ['evt_000003', 'evt_000001', 'evt_000002'] }]);
  });

  it('fetches nothing for a merchant nobody streams here, nor after the last stream went away', async () => {
    const broker = new InProcessBroker();
    const events = new FakeEvents(new Map([[merchant.merchantId, [stored(1), stored(2)]]]));
    const feed = await feedOn(broker, events);
    const unsubscribe = feed.subscribe(merchant, () => undefined);

    await broker.publish(Topics.RecordedEvents, [notice(other, ['evt_other'])]);
    unsubscribe();
    await broker.publish(Topics.RecordedEvents, [notice(merchant, ['evt_000001'])]);

    expect(events.asked).toEqual([]);
  });

  it('asks again when the events could not be fetched, so that a stream misses nothing while webhook-dispatch restarts', async () => {
    const broker = new InProcessBroker();
    const events = new FakeEvents(new Map([[merchant.merchantId, [stored(1)]]]));
    events.failing = 1;
    const feed = await feedOn(broker, events);
    const seen: string[] = [];
    feed.subscribe(merchant, ({ event }) => seen.push(event.id));

    await broker.publish(Topics.RecordedEvents, [notice(merchant, ['evt_000001'])]);

    expect(seen).toEqual(['evt_000001']);
    expect(events.asked).toHaveLength(2);
  });

  it('still serves an event published whole by a webhook-dispatch of the earlier version (a rolling upgrade), and a failing listener spoils no other', async () => {
    const broker = new InProcessBroker();
    const events = new FakeEvents(new Map());
    const feed = await feedOn(broker, events);
    const seen: string[] = [];
    feed.subscribe(merchant, () => {
      throw new Error('a client that went away');
    });
    feed.subscribe(merchant, ({ event }) => seen.push(event.id));

    const whole = newEvent('event.recorded', merchant, merchant.merchantId, stored(7)) as RecordedEvent;
    await broker.publish(Topics.RecordedEvents, [{ key: merchant.merchantId, data: whole, headers: {} }]);

    expect(seen).toEqual(['evt_000007']);
    expect(events.asked).toEqual([]);
  });
});
