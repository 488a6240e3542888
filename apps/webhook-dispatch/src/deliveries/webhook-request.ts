import type { EventResource } from '@payrail/contracts';
import { signWebhook, type WebhookSignatureScheme } from '@payrail/signing';

export const SIGNATURE_HEADER = 'Payments-Signature';
export const WEBHOOK_USER_AGENT = 'Payrail/1.0 (+webhooks)';

export interface WebhookRequest {
  body: string;
  headers: Record<string, string>;
}

/**
 * The POST an endpoint receives for an event, signed afresh for each attempt under the endpoint's
 * scheme, by every secret in `secrets` (during a rotation's overlap, the new and the old).
 */
export function buildWebhookRequest(
  event: EventResource,
  signing: { scheme: WebhookSignatureScheme; secrets: readonly string[] },
  timestampSeconds: number,
): WebhookRequest {
  const body = JSON.stringify(event);
  return {
    body,
    headers: {
      'Content-Type': 'application/json',
      'User-Agent': WEBHOOK_USER_AGENT,
      ...signWebhook(signing.scheme, { eventId: event.id, timestampSeconds, body, secrets: signing.secrets }),
    },
  };
}
