import { Inject, Injectable } from '@nestjs/common';
import type { Topic, TopicMap } from '@payrail/contracts';
import { DATABASE_SCHEMA, insertTogether, type RowsInsert } from '@payrail/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { contextHeaders } from '../message-client.js';
import { OutboxRelay } from './outbox.relay.js';

export interface UnitOfWork {
  manager: EntityManager;
  /** Records the event in the same transaction as the state change; the relay publishes it after commit. */
  publish<T extends Topic>(topic: T, event: TopicMap[T]): Promise<void>;
  /**
   * Writes these rows at the end of the unit, in the statement that writes its events: for the unit's last
   * inserts, which nothing in it reads back. A round trip fewer each, while the transaction holds its locks.
   */
  insertAtEnd(insert: RowsInsert): void;
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
   * they were published, before the commit, with the rows it asked to insert at the end: a unit that
   * publishes many costs one round trip, not many.
   */
  async run<R>(work: (unit: UnitOfWork) => Promise<R>): Promise<R> {
    let published = 0;
    const result = await this.dataSource.transaction(async (manager) => {
      const rows: OutboxRow[] = [];
      const atEnd: RowsInsert[] = [];
      let open = true;
      const outcome = await work({
        manager,
        publish: async (topic, event) => {
          if (!open) throw new Error(`An event (${topic}) was published after its unit of work had ended: it would be lost.`);
          rows.push(outboxRow(topic, event));
        },
        insertAtEnd: (insert) => {
          if (!open) throw new Error(`Rows for ${insert.table} were given after their unit of work had ended: they would be lost.`);
          atEnd.push(insert);
        },
      });
      open = false;
      await insertTogether(manager, [...atEnd, outboxInsert(this.schema, rows)]);
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

/** The rows keep the order given, and so does the id sequence: the relay publishes in publish order. */
function outboxInsert(schema: string, rows: readonly OutboxRow[]): RowsInsert {
  return {
    table: `"${schema}"."outbox"`,
    columns: [
      ['topic', 'text'],
      ['message_key', 'text'],
      ['payload', 'jsonb'],
      ['headers', 'jsonb'],
    ],
    rows: rows.map((row) => [row.topic, row.key, row.payload, row.headers]),
  };
}

/**
 * The outbox row itself, for code that runs outside a service's Nest container (a bootstrap command):
 * the row is the same, and the service's relay publishes it once the service runs.
 */
export async function insertOutboxEvent<T extends Topic>(manager: EntityManager, schema: string, topic: T, event: TopicMap[T]): Promise<void> {
  await insertTogether(manager, [outboxInsert(schema, [outboxRow(topic, event)])]);
}
