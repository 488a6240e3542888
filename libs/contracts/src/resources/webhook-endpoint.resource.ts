import type { Metadata } from './list.js';

export class WebhookEndpointResource {
  id: string;
  object: 'webhook_endpoint';
  url: string;
  enabled_events: string[];
  status: 'enabled' | 'disabled';
  description: string | null;
  api_version: string | null;
  signature_scheme: 'payrail' | 'stripe' | 'standard-webhooks' | 'sha256-hex';
  /** Delays before each retry, in seconds; `null` when the endpoint follows the platform's default. */
  retry_schedule: number[] | null;
  /** While a rotated-out secret still signs beside the current one: when it stops (unix seconds). */
  previous_secret_expires: number | null;
  created: number;
  livemode: boolean;
  metadata: Metadata;
  /** Returned only by create and rotate_secret, as Stripe does. */
  secret?: string;
}

/** What Stripe answers for a deleted webhook endpoint. */
export class DeletedWebhookEndpointResource {
  id: string;
  object: 'webhook_endpoint';
  deleted: true;
}

export class WebhookDeliveryAttemptResource {
  attempt: number;
  status: 'succeeded' | 'failed';
  response_status_code: number | null;
  /** The first bytes of the answer, with anything shaped like a key, token or card number redacted. */
  response_body: string | null;
  latency_ms: number;
  /** Why no answer came (timeout, refused connection, refused destination). */
  error: string | null;
  created: number;
}

/** One event owed to one endpoint, with every attempt made at it. */
export class WebhookDeliveryResource {
  id: string;
  object: 'webhook_delivery';
  event: string;
  webhook_endpoint: string;
  status: 'pending' | 'succeeded' | 'failed' | 'canceled';
  attempt_count: number;
  /** When the next attempt is due (unix seconds), while the delivery is pending. */
  next_retry: number | null;
  created: number;
  livemode: boolean;
  attempts: WebhookDeliveryAttemptResource[];
}
