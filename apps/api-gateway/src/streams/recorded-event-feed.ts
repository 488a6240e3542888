import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ServiceNames, Topics, type Caller, type PositionedEvent, type RecordedEvent } from '@payrail/contracts';
import { MESSAGE_BROKER, type InboundEvent, type MessageBroker } from '@payrail/messaging';
import { randomUUID } from 'node:crypto';

export type RecordedEventListener = (event: PositionedEvent) => void;

/**
 * The merchants' recorded events as they happen, for the streams held by this edge replica. Each replica
 * reads the topic in a consumer group of its own (on Kafka as in process), so that every replica sees
 * every event whichever one its clients are connected to; the group starts at the latest offset, since
 * what happened before a replica started is served from the stored events.
 */
@Injectable()
export class RecordedEventFeed implements OnModuleInit {
  private readonly logger = new Logger(RecordedEventFeed.name);
  private readonly listeners = new Map<string, Set<RecordedEventListener>>();

  constructor(@Inject(MESSAGE_BROKER) private readonly broker: MessageBroker) {}

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

  /** Never rejects: a failing listener is one client's problem, and a rejection would have the event redelivered to all. */
  private async dispatch(inbound: InboundEvent): Promise<void> {
    const recorded = inbound.data as RecordedEvent;
    const listeners = this.listeners.get(ownerKey({ merchantId: recorded.merchantId, livemode: recorded.livemode }));
    for (const listener of [...(listeners ?? [])]) {
      try {
        listener(recorded.data.object);
      } catch (error) {
        this.logger.warn(`A stream listener failed on ${recorded.data.object.event.id}: ${(error as Error).message}`);
      }
    }
  }
}

function ownerKey(caller: Caller): string {
  return `${caller.merchantId}\u0000${caller.livemode}`;
}
