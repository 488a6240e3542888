import { Inject, Injectable } from '@nestjs/common';
import { DATABASE_SCHEMA } from '@payrail/persistence';
import type { EntityManager } from 'typeorm';
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
      if ((await this.claimMany(unit.manager, consumer, [messageId])).size === 0) return false;
      await work(unit);
      return true;
    });
  }

  /**
   * Inside the caller's transaction, records these message ids as handled by `consumer` in one statement;
   * answers those not handled before (the work to do now). An id given twice is answered once.
   */
  async claimMany(manager: EntityManager, consumer: string, messageIds: readonly string[]): Promise<Set<string>> {
    if (messageIds.length === 0) return new Set();
    const inserted = (await manager.query(
      `INSERT INTO "${this.schema}"."inbox" ("consumer", "message_id") SELECT $1, unnest($2::text[])
       ON CONFLICT ON CONSTRAINT "inbox_pkey" DO NOTHING RETURNING "message_id"`,
      [consumer, [...messageIds]],
    )) as Array<{ message_id: string }>;
    return new Set(inserted.map((row) => row.message_id));
  }
}
