import type { WebhookEndpointResource } from '@payrail/contracts';
import type { WebhookEndpointEntity } from './webhook-endpoint.entity.js';

export function toWebhookEndpointResource(entity: WebhookEndpointEntity, now: Date = new Date()): WebhookEndpointResource {
  const overlapping = entity.previousSecretExpiresAt !== null && entity.previousSecretExpiresAt > now;
  return {
    id: entity.id,
    object: 'webhook_endpoint',
    url: entity.url,
    enabled_events: entity.enabledEvents,
    status: entity.status,
    description: entity.description,
    api_version: entity.apiVersion,
    signature_scheme: entity.signatureScheme,
    retry_schedule: entity.retrySchedule,
    previous_secret_expires: overlapping ? Math.floor(entity.previousSecretExpiresAt!.getTime() / 1000) : null,
    created: Math.floor(entity.createdAt.getTime() / 1000),
    livemode: entity.livemode,
    metadata: entity.metadata,
  };
}
