import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@payrail/contracts';
import { activeTraceparent } from '@payrail/messaging';
import { GroupCommitQueue } from '@payrail/persistence';
import { EventsService, type DomainEventToRecord } from './events.service.js';

interface Queued extends DomainEventToRecord {
  resolve: (made: number) => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 500;

/**
 * Group commit of domain events: the events handed over while a batch commits are the next batch, recorded
 * in one transaction in the order they arrived (the transports hand a batch over at once, in order; see
 * CONCURRENT_DELIVERY). Each caller hears when its own event is committed. Should a batch fail, its events
 * are recorded again one by one, so that one bad event fails alone and is delivered again by the transport.
 */
@Injectable()
export class EventRecorder {
  private readonly queue = new GroupCommitQueue<Queued>((batch) => this.runBatch(batch), { maxBatch: MAX_BATCH, gatherFirst: true });

  constructor(private readonly service: EventsService) {}

  /** Resolves with how many deliveries the event made once its batch has committed. */
  record(envelope: EventEnvelope<string, unknown>): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.queue.push({ envelope, traceparent: activeTraceparent(), resolve, reject });
    });
  }

  private async runBatch(batch: Queued[]): Promise<void> {
    try {
      const made = await this.service.recordMany(batch);
      batch.forEach((item, index) => item.resolve(made[index]));
    } catch (error) {
      if (batch.length === 1) {
        batch[0].reject(error);
        return;
      }
      for (const item of batch) await this.runBatch([item]);
    }
  }
}
