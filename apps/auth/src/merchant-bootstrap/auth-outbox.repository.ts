import type { Topic, TopicMap } from '@payrail/contracts';
import { insertOutboxEvent } from '@payrail/messaging';
import type { EntityManager } from 'typeorm';
import { AUTH_SCHEMA } from '../auth.schema.js';

/**
 * Writes an event to the auth outbox inside the caller's transaction: bootstrap runs outside Nest (the
 * CLI, the platform runner), where `TransactionalOutbox` is not available. A running auth service's
 * relay publishes it.
 */
export class AuthOutboxRepository {
  async publish<T extends Topic>(manager: EntityManager, topic: T, event: TopicMap[T]): Promise<void> {
    await insertOutboxEvent(manager, AUTH_SCHEMA, topic, event);
  }
}
