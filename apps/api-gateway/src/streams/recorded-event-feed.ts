import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Patterns, ServiceNames, Topics, type Caller, type PositionedEvent, type RecordedEvent } from '@payrail/contracts';
import { MESSAGE_BROKER, MessageClient, type InboundEvent, type MessageBroker } from '@payrail/messaging';
import { randomUUID } from 'node:crypto';

export type RecordedEventListener = (event: PositionedEvent) => void;

/**
 * The merchants' recorded events as they happen, for the streams held by this edge replica. Each replica
 * reads the topic in a consumer group of its own (on Kafka as in process), so that every replica sees
 * every event whichever one its clients are connected to; the group starts at the latest offset, since
 * what happened before a replica started is served from the stored events. The topic carries notices
 * (the ids of what one transaction recorded for a merchant): the events themselves are fetched, in their
 * stored order, only for a merchant that has a stream on this replica.
 */
@Injectable()
export class RecordedEventFeed implements OnModuleInit {
  private readonly logger = new Logger(RecordedEventFeed.name);
  private readonly listeners = new Map<string, Set<RecordedEventListener>>();

  constructor(
    @Inject(MESSAGE_BROKER) private readonly broker: MessageBroker,
    private readonly client: MessageClient,
  ) {}

  async onModuleInit(): Promise<void> {
    const group = `${ServiceNames.ApiGateway}.streams.${randomUUID()}`;
    await this.broker.consumeEvents(group, new Map([[Topics.RecordedEvents, (event) => this.dispatch(event)]]), { ephemeral: true });
  }

  /** Calls `listener` with each of the caller's events from now on, until the returned function is called. */
  subscribe(caller: Caller, listener: RecordedEventListener): () => void {
    const key = ownerKey(caller);
    const listeners = this.listeners.get(key) ?? new Set();
    listeners.add(listener);
    this.listeners.set(key, listeners);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && this.listeners.get(key) === listeners) this.listeners.delete(key);
    };
  }

  /**
   * Rejects only when the events could not be fetched: the notice is then delivered again (to this replica's
   * group alone), so that a stream misses nothing while webhook-dispatch restarts. A failing listener is one
   * client's problem and never rejects.
   */
  private async dispatch(inbound: InboundEvent): Promise<void> {
    const recorded = inbound.data as RecordedEvent;
    const owner: Caller = { merchantId: recorded.merchantId, livemode: recorded.livemode };
    if (!this.listeners.has(ownerKey(owner))) return;
    const events = recorded.type === 'events.recorded' ? (await this.client.send(Patterns.EventsPositioned, { caller: owner, params: { ids: recorded.data.object.ids } })).data : [recorded.data.object];
    for (const event of events) {
      for (const listener of [...(this.listeners.get(ownerKey(owner)) ?? [])]) {
        try {
          listener(event);
        } catch (error) {
          this.logger.warn(`A stream listener failed on ${event.event.id}: ${(error as Error).message}`);
        }
      }
    }
  }
}

function ownerKey(caller: Caller): string {
  return `${caller.merchantId}\u0000${caller.livemode}`;
}
