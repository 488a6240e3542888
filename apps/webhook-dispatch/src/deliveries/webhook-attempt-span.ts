import { ServiceNames } from '@payrail/contracts';
import { extractTraceContext, inSpan, markFailed, SpanKind } from '@payrail/messaging';
import type { SendOutcome } from './webhook-sender.js';

export interface AttemptIdentity {
  deliveryId: string;
  endpointId: string;
  eventId: string;
  /** 1 for the first attempt. */
  attempt: number;
}

/**
 * One delivery attempt as a client span in the trace that recorded the event (`traceparent` stored with
 * it), so that a webhook shows under the request that caused it, retries too. Names ids and the outcome,
 * never the URL, the headers (signatures) or the body.
 */
export function traceWebhookAttempt(traceparent: string | null, identity: AttemptIdentity, send: () => Promise<SendOutcome>): Promise<SendOutcome> {
  const span = () => ({
    kind: SpanKind.CLIENT,
    service: ServiceNames.WebhookDispatch,
    parent: extractTraceContext(traceparent ? { traceparent } : null),
    attributes: {
      'payrail.webhook_delivery.id': identity.deliveryId,
      'payrail.webhook_endpoint.id': identity.endpointId,
      'payrail.event.id': identity.eventId,
      'payrail.webhook_delivery.attempt': identity.attempt,
      'http.request.method': 'POST',
    },
  });
  return inSpan('webhook delivery', span, async (active) => {
    const outcome = await send();
    if (outcome.statusCode !== null) active?.setAttribute('http.response.status_code', outcome.statusCode);
    if (!outcome.succeeded) markFailed(active, outcome.statusCode !== null ? String(outcome.statusCode) : 'no_answer');
    return outcome;
  });
}
