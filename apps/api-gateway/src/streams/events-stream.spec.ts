import type { Caller, EventReplay, PositionedEvent } from '@payrail/contracts';
import type { MessageClient } from '@payrail/messaging';
import { EventsStream } from './events-stream.js';
import type { RecordedEventFeed, RecordedEventListener } from './recorded-event-feed.js';
import type { StreamConnection } from './stream-connection.js';

const caller: Caller = { merchantId: 'acct_1', livemode: false };

function recorded(n: number, type = 'payment_intent.created'): PositionedEvent {
  const micros = String(n).padStart(6, '0');
  return { position: `2026-01-01T00:00:00.${micros}Z`, event: { id: `evt_${micros}`, object: 'event', type } as PositionedEvent['event'] };
}

/** The feed as the consumer drives it: `emit` is an event arriving from the topic. */
class FakeFeed {
  private listener: RecordedEventListener | undefined;
  subscribe(_caller: Caller, listener: RecordedEventListener): () => void {
    this.listener = listener;
    return () => (this.listener = undefined);
  }
  emit(event: PositionedEvent): void {
    this.listener?.(event);
  }
  get subscribed(): boolean {
    return this.listener !== undefined;
  }
}

/** The replay as webhook-dispatch answers it, from a stored list; `during` runs while a page is being read. */
class FakeReplay {
  readonly asked: string[] = [];
  during: (() => void) | undefined;
  constructor(private readonly stored: PositionedEvent[], private readonly pageSize: number) {}
  async send(_pattern: string, request: { params: { after: string } }): Promise<EventReplay> {
    this.asked.push(request.params.after);
    this.during?.();
    const cursor = this.stored.findIndex((event) => event.event.id === request.params.after);
    const after = this.stored.slice(cursor + 1);
    return { after_position: this.stored[cursor].position, data: after.slice(0, this.pageSize), has_more: after.length > this.pageSize };
  }
}

class FakeConnection {
  readonly sent: string[] = [];
  isOpen = true;
  send(message: { id: string }): boolean {
    this.sent.push(message.id);
    return true;
  }
  onClose(): void {}
}

function stream(feed: FakeFeed, replay: FakeReplay): EventsStream {
  return new EventsStream(feed as unknown as RecordedEventFeed, replay as unknown as MessageClient);
}

describe('EventsStream', () => {
  it('replays after the cursor page by page, then goes live, sending each event once in stored order', async () => {
    const stored = [1, 2, 3, 4, 5].map((n) => recorded(n));
    const feed = new FakeFeed();
    const replay = new FakeReplay(stored, 2);
    // While the replay is read, the live feed delivers an event the replay also holds, and a new one.
    replay.during = () => {
      feed.emit(stored[4]);
      replay.during = () => feed.emit(recorded(6));
    };
    const connection = new FakeConnection();

    const prepared = await stream(feed, replay).prepare(caller, { types: [], startingAfter: 'evt_000001' });
    await prepared.attach(connection as unknown as StreamConnection);
    // A replica that lags delivers the client's cursor and what the replay sent, late.
    feed.emit(stored[0]);
    feed.emit(stored[3]);
    feed.emit(recorded(7));

    expect(replay.asked).toEqual(['evt_000001', 'evt_000003']);
    expect(connection.sent).toEqual(['evt_000002', 'evt_000003', 'evt_000004', 'evt_000005', 'evt_000006', 'evt_000007']);
  });

  it('still sends a live event that arrives out of order, once', async () => {
    const feed = new FakeFeed();
    const connection = new FakeConnection();
    const prepared = await stream(feed, new FakeReplay([], 10)).prepare(caller, { types: [] });
    await prepared.attach(connection as unknown as StreamConnection);
    for (const n of [1, 3, 2, 3, 2, 4]) feed.emit(recorded(n));

    expect(connection.sent).toEqual(['evt_000001', 'evt_000003', 'evt_000002', 'evt_000004']);
  });

  it('skips the types not asked for without losing its place', async () => {
    const stored = [recorded(1), recorded(2, 'charge.succeeded'), recorded(3, 'payment_intent.succeeded')];
    const feed = new FakeFeed();
    const connection = new FakeConnection();
    const prepared = await stream(feed, new FakeReplay(stored, 10)).prepare(caller, { types: ['payment_intent.*'], startingAfter: 'evt_000001' });
    await prepared.attach(connection as unknown as StreamConnection);
    feed.emit(stored[1]);
    feed.emit(recorded(4, 'charge.refunded'));
    feed.emit(recorded(5, 'payment_intent.canceled'));

    expect(connection.sent).toEqual(['evt_000003', 'evt_000005']);
  });

  it('subscribes before the upgrade and lets go when the upgrade does not happen', async () => {
    const feed = new FakeFeed();
    const prepared = await stream(feed, new FakeReplay([], 10)).prepare(caller, { types: [] });
    expect(feed.subscribed).toBe(true);
    prepared.abandon();
    expect(feed.subscribed).toBe(false);
  });
});
