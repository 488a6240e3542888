import type { Span } from '@opentelemetry/api';
import type { MessageBroker, OutboundEvent } from '../broker/message-broker.js';
import { extractTraceContext, injectTraceContext, markFailed, SpanKind, startSpan, tracingOn } from './trace-context.js';

export interface PublishSpans {
  /** The events to hand to the transport: each carries its own publish span's `traceparent`. */
  events: OutboundEvent[];
  /** Ends every span, failed with `errorType` when the publish failed. */
  end(errorType?: string): void;
}

/**
 * One producer span per event the outbox relay publishes, each a child of the transaction that wrote the
 * row (the `traceparent` stored in the row's headers), so that the consumers continue that trace even
 * though the relay publishes a batch from many requests at once. While tracing is off the events pass
 * through as they are.
 */
export function startPublishSpans(topic: string, service: string, transport: MessageBroker['kind'], events: OutboundEvent[]): PublishSpans {
  if (!tracingOn()) return { events, end: () => undefined };
  const spans: Span[] = [];
  const traced = events.map((event) => {
    const started = startSpan(`publish ${topic}`, {
      kind: SpanKind.PRODUCER,
      service,
      parent: extractTraceContext(event.headers),
      attributes: { 'messaging.system': transport, 'messaging.destination.name': topic, 'messaging.operation.type': 'send', 'messaging.kafka.message.key': event.key },
    });
    if (!started) return event;
    spans.push(started.span);
    return { ...event, headers: injectTraceContext({ ...event.headers }, started.context) };
  });
  return {
    events: traced,
    end(errorType) {
      for (const span of spans) {
        if (errorType) markFailed(span, errorType);
        span.end();
      }
    },
  };
}
