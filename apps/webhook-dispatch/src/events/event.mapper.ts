import type { EventEnvelope, EventResource } from '@payrail/contracts';
import { newId } from '@payrail/domain';
import type { EventEntity } from './event.entity.js';

/** The API version events are rendered in; endpoints and accounts cannot pin another one yet. */
export const EVENT_API_VERSION = '2026-01-01';

export function toEventResource(entity: EventEntity): EventResource {
  return {
    id: entity.id,
    object: 'event',
    api_version: entity.apiVersion,
    created: Math.floor(entity.occurredAt.getTime() / 1000),
    data: entity.data,
    livemode: entity.livemode,
    pending_webhooks: entity.pendingWebhooks,
    request: { id: entity.requestId, idempotency_key: entity.idempotencyKey },
    type: entity.type,
  };
}

/** An event before it is recorded: the database stamps `createdAt`, which orders lists; the insert, the active trace. */
export type NewEvent = Omit<EventEntity, 'createdAt' | 'traceparent'>;

/** A public event for a domain event; `pendingWebhooks` is set once its deliveries are made. */
export function eventFromEnvelope(envelope: EventEnvelope<string, unknown>): NewEvent {
  const data: EventEntity['data'] = { object: envelope.data.object as Record<string, unknown> };
  if (envelope.data.previous_attributes) data.previous_attributes = envelope.data.previous_attributes as Record<string, unknown>;
  return {
    id: newId('evt'),
    sourceEventId: envelope.id,
    merchantId: envelope.merchantId,
    livemode: envelope.livemode,
    type: envelope.type,
    apiVersion: EVENT_API_VERSION,
    data,
    requestId: envelope.requestId || null,
    idempotencyKey: envelope.idempotencyKey || null,
    pendingWebhooks: 0,
    occurredAt: new Date(envelope.occurredAt * 1000),
  };
}
