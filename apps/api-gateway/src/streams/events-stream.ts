import { Injectable } from '@nestjs/common';
import { Patterns, type Caller, type PositionedEvent } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import { wantsType, type EventsStreamQuery } from './events-stream-query.js';
import { RecordedEventFeed } from './recorded-event-feed.js';
import type { StreamConnection } from './stream-connection.js';
import { isAfter, positionOf, type StreamPosition } from './stream-position.js';

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
 * cursor are replayed, then what arrived meanwhile and what follows; an event is sent only when it comes
 * after the last one sent, which drops both the replay's overlap with the live feed and what a lagging
 * replica delivers late.
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
        let last: StreamPosition | undefined = firstPage ? { position: firstPage.after_position, id: query.startingAfter! } : undefined;
        const sendInOrder = (event: PositionedEvent): void => {
          const position = positionOf(event);
          if (!isAfter(position, last)) return;
          last = position;
          if (wantsType(query.types, event.event.type)) connection.send(event.event);
        };
        let page = firstPage;
        while (page && connection.isOpen) {
          page.data.forEach(sendInOrder);
          page = page.has_more && last ? await this.replayPage(caller, last.id) : undefined;
        }
        arrivedEarly.splice(0).forEach(sendInOrder);
        deliver = sendInOrder;
      },
    };
  }

  private replayPage(caller: Caller, after: string) {
    return this.client.send(Patterns.EventReplay, { caller, params: { after, limit: REPLAY_PAGE_SIZE } });
  }
}
