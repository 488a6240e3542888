import type { EventResource } from '@payrail/contracts';
import { signWebhookPayload } from '@payrail/signing';

export const SIGNATURE_HEADER = 'Payments-Signature';
export const WEBHOOK_USER_AGENT = 'Payrail/1.0 (+webhooks)';

export interface WebhookRequest {
  body: string;
  headers: Record<string, string>;
}

/**
 * The POST an endpoint receives for an event, signed afresh for each attempt (Stripe's scheme, so
 * `stripe.webhooks.constructEvent(body, header, secret)` verifies it).
 */
export function buildWebhookRequest(event: EventResource, secret: string, timestampSeconds: number): WebhookRequest {
  const body = JSON.stringify(event);
  return {
    body,
    headers: {
      'Content-Type': 'application/json',
      'User-Agent': WEBHOOK_USER_AGENT,
      [SIGNATURE_HEADER]: signWebhookPayload(secret, body, timestampSeconds),
    },
  };
}
