import { Injectable } from '@nestjs/common';
import { Patterns, type Caller, type PositionedEvent } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import { wantsType, type EventsStreamQuery } from './events-stream-query.js';
import { RecordedEventFeed } from './recorded-event-feed.js';
import type { StreamConnection } from './stream-connection.js';
import { positionOf, SentEvents } from './stream-position.js';

const REPLAY_PAGE_SIZE = 100;

/** A stream that has been authorised and subscribed, waiting for its socket. */
export interface PreparedEventsStream {
  attach(connection: StreamConnection): Promise<void>;
  /** Drops the subscription of a stream whose upgrade did not complete. */
  abandon(): void;
}

/**
 * `/v1/events/stream`: the merchant's events as `GET /v1/events` shows them, each sent once, in stored
 * order. The live subscription starts before anything is read, the stored events after the client's
 * cursor are replayed, then what arrived meanwhile and what follows; SentEvents drops both the replay's
 * overlap with the live feed and what a lagging replica delivers late.
 */
@Injectable()
export class EventsStream {
  constructor(
    private readonly feed: RecordedEventFeed,
    private readonly client: MessageClient,
  ) {}

  /** Subscribes, and checks the cursor before the upgrade so that an unknown one is an HTTP 404. */
  async prepare(caller: Caller, query: EventsStreamQuery): Promise<PreparedEventsStream> {
    let deliver: ((event: PositionedEvent) => void) | undefined;
    const arrivedEarly: PositionedEvent[] = [];
    const unsubscribe = this.feed.subscribe(caller, (event) => (deliver ? deliver(event) : arrivedEarly.push(event)));
    let firstPage;
    try {
      firstPage = query.startingAfter ? await this.replayPage(caller, query.startingAfter) : undefined;
    } catch (error) {
      unsubscribe();
      throw error;
    }
    return {
      abandon: unsubscribe,
      attach: async (connection) => {
        connection.onClose(unsubscribe);
        const sent = new SentEvents(firstPage ? { position: firstPage.after_position, id: query.startingAfter! } : undefined);
        const sendOnce = (event: PositionedEvent): void => {
          if (sent.firstTime(positionOf(event)) && wantsType(query.types, event.event.type)) connection.send(event.event);
        };
        let page = firstPage;
        while (page && connection.isOpen) {
          page.data.forEach(sendOnce);
          const lastReplayed = page.data.at(-1)?.event.id;
          page = page.has_more && lastReplayed ? await this.replayPage(caller, lastReplayed) : undefined;
        }
        arrivedEarly.splice(0).forEach(sendOnce);
        deliver = sendOnce;
      },
    };
  }

  private replayPage(caller: Caller, after: string) {
    return this.client.send(Patterns.EventReplay, { caller, params: { after, limit: REPLAY_PAGE_SIZE } });
  }
}
