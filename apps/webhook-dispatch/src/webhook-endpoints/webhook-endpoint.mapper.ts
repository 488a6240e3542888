import type { WebhookEndpointResource } from '@payrail/contracts';
import type { WebhookEndpointEntity } from './webhook-endpoint.entity.js';

export function toWebhookEndpointResource(entity: WebhookEndpointEntity): WebhookEndpointResource {
  return {
    id: entity.id,
    object: 'webhook_endpoint',
    url: entity.url,
    enabled_events: entity.enabledEvents,
    status: entity.status,
    description: entity.description,
    api_version: entity.apiVersion,
    created: Math.floor(entity.createdAt.getTime() / 1000),
    livemode: entity.livemode,
    metadata: entity.metadata,
  };
}
