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

  /**
   * The events `work` publishes are kept until it is done and then written in one statement, in the order
   * they were published, before the commit: a unit that publishes many costs one round trip, not many.
   */
  async run<R>(work: (unit: UnitOfWork) => Promise<R>): Promise<R> {
    let published = 0;
    const result = await this.dataSource.transaction(async (manager) => {
      const rows: OutboxRow[] = [];
      let open = true;
      const outcome = await work({
        manager,
        publish: async (topic, event) => {
          if (!open) throw new Error(`An event (${topic}) was published after its unit of work had ended: it would be lost.`);
          rows.push(outboxRow(topic, event));
        },
      });
      open = false;
      await insertOutboxRows(manager, this.schema, rows);
      published = rows.length;
      return outcome;
    });
    if (published > 0) this.relay.nudge();
    return result;
  }
}

interface OutboxRow {
  topic: string;
  key: string;
  payload: string;
  /** Taken when the event is published: each event carries the request context it was published in. */
  headers: string;
}

function outboxRow<T extends Topic>(topic: T, event: TopicMap[T]): OutboxRow {
  return { topic, key: event.aggregateId, payload: JSON.stringify(event), headers: JSON.stringify(contextHeaders()) };
}

async function insertOutboxRows(manager: EntityManager, schema: string, rows: readonly OutboxRow[]): Promise<void> {
  if (rows.length === 0) return;
  // unnest keeps the array order, and so does the id sequence: the relay publishes in publish order.
  await manager.query(
    `INSERT INTO "${schema}"."outbox" ("topic", "message_key", "payload", "headers")
     SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::jsonb[])`,
    [rows.map((row) => row.topic), rows.map((row) => row.key), rows.map((row) => row.payload), rows.map((row) => row.headers)],
  );
}

/**
 * The outbox row itself, for code that runs outside a service's Nest container (a bootstrap command):
 * the row is the same, and the service's relay publishes it once the service runs.
 */
export async function insertOutboxEvent<T extends Topic>(manager: EntityManager, schema: string, topic: T, event: TopicMap[T]): Promise<void> {
  await insertOutboxRows(manager, schema, [outboxRow(topic, event)]);
}
