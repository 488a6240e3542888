import { Inject, Injectable } from '@nestjs/common';
import { DATABASE_SCHEMA } from '@payrail/persistence';
import { TransactionalOutbox, type UnitOfWork } from '../outbox/transactional-outbox.js';

/**
 * Consumers record the event ids they have handled in the same transaction as the handling, so that a
 * redelivered event (Kafka is at-least-once, and so is the outbox relay) changes nothing.
 */
@Injectable()
export class Inbox {
  constructor(
    private readonly outbox: TransactionalOutbox,
    @Inject(DATABASE_SCHEMA) private readonly schema: string,
  ) {}

  /** Runs `work` unless this consumer has handled `messageId` before; returns whether it ran. */
  async handleOnce(consumer: string, messageId: string, work: (unit: UnitOfWork) => Promise<void>): Promise<boolean> {
    return this.outbox.run(async (unit) => {
      const inserted = (await unit.manager.query(
        `INSERT INTO "${this.schema}"."inbox" ("consumer", "message_id") VALUES ($1, $2)
         ON CONFLICT ON CONSTRAINT "inbox_pkey" DO NOTHING RETURNING "message_id"`,
        [consumer, messageId],
      )) as unknown[];
      if (inserted.length === 0) return false;
      await work(unit);
      return true;
    });
  }
}
