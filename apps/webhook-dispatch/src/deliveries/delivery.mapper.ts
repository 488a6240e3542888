import type { WebhookDeliveryResource } from '@payrail/contracts';
import type { DeliveryAttemptEntity } from './delivery-attempt.entity.js';
import type { DeliveryEntity } from './delivery.entity.js';

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

export function toWebhookDeliveryResource(delivery: DeliveryEntity, attempts: readonly DeliveryAttemptEntity[]): WebhookDeliveryResource {
  return {
    id: delivery.id,
    object: 'webhook_delivery',
    event: delivery.eventId,
    webhook_endpoint: delivery.endpointId,
    status: delivery.status,
    attempt_count: delivery.attempts,
    next_retry: delivery.status === 'pending' ? seconds(delivery.nextAttemptAt) : null,
    created: seconds(delivery.createdAt),
    livemode: delivery.livemode,
    attempts: attempts.map((attempt) => ({
      attempt: attempt.attempt,
      status: attempt.succeeded ? 'succeeded' : 'failed',
      response_status_code: attempt.statusCode,
      response_body: attempt.responseBody,
      latency_ms: attempt.durationMs,
      error: attempt.error,
      created: seconds(attempt.createdAt),
    })),
  };
}
