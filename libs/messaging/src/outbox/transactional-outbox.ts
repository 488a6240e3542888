import { Inject, Injectable } from '@nestjs/common';
import type { Topic, TopicMap } from '@payrail/contracts';
import { DATABASE_SCHEMA } from '@payrail/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { contextHeaders } from '../message-client.js';
import { OutboxRelay } from './outbox.relay.js';

export interface UnitOfWork {
  manager: EntityManager;
  /** Records the event in the same transaction as the state change; the relay publishes it after commit. */
  publish<T extends Topic>(topic: T, event: TopicMap[T]): Promise<void>;
}

/** Runs a state change and the events it causes in one database transaction. */
@Injectable()
export class TransactionalOutbox {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(DATABASE_SCHEMA) private readonly schema: string,
    private readonly relay: OutboxRelay,
  ) {}

  async run<R>(work: (unit: UnitOfWork) => Promise<R>): Promise<R> {
    let published = false;
    const result = await this.dataSource.transaction(async (manager) =>
      work({
        manager,
        publish: async (topic, event) => {
          published = true;
          await insertOutboxEvent(manager, this.schema, topic, event);
        },
      }),
    );
    if (published) this.relay.nudge();
    return result;
  }
}

/**
 * The outbox row itself, for code that runs outside a service's Nest container (a bootstrap command):
 * the row is the same, and the service's relay publishes it once the service runs.
 */
export async function insertOutboxEvent<T extends Topic>(manager: EntityManager, schema: string, topic: T, event: TopicMap[T]): Promise<void> {
  await manager.query(
    `INSERT INTO "${schema}"."outbox" ("topic", "message_key", "payload", "headers") VALUES ($1, $2, $3, $4)`,
    [topic, event.aggregateId, JSON.stringify(event), JSON.stringify(contextHeaders())],
  );
}
