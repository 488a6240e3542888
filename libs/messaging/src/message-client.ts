import { Inject, Injectable, Optional } from '@nestjs/common';
import type { PatternMap, ReplyOf, RequestOf } from '@payrail/contracts';
import { deserializeError, PayrailError } from '@payrail/errors';
import { RequestTimeoutError, Headers, type MessageBroker, type MessageHeaders } from './broker/message-broker.js';
import { requestContext } from './context/request-context.js';
import { secondsSince, ServiceMetrics, type BusOutcome } from './metrics/payrail-metrics.js';
import { MESSAGE_BROKER, SERVICE_NAME } from './tokens.js';
import { inSpan, injectTraceContext, markFailed, SpanKind } from './tracing/trace-context.js';

export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

/** The one typed request/reply client: a domain error from the service is rethrown here as itself. */
@Injectable()
export class MessageClient {
  constructor(
    @Inject(MESSAGE_BROKER) private readonly broker: MessageBroker,
    @Optional() @Inject(ServiceMetrics) private readonly metrics?: ServiceMetrics,
    @Optional() @Inject(SERVICE_NAME) private readonly service: string = 'unknown',
  ) {}

  async send<P extends keyof PatternMap>(
    pattern: P,
    request: RequestOf<P>,
    options: { timeoutMs?: number } = {},
  ): Promise<ReplyOf<P>> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    const span = () => ({
      kind: SpanKind.CLIENT,
      service: this.service,
      attributes: { 'messaging.system': this.broker.kind, 'messaging.destination.name': pattern, 'messaging.operation.type': 'send' },
    });
    const reply = await inSpan(pattern, span, async (active) => {
      const startedAt = performance.now();
      try {
        const answer = await this.broker.request(pattern, request, { timeoutMs, headers: contextHeaders() });
        this.record(pattern, answer.ok ? 'ok' : 'error', startedAt);
        if (!answer.ok) markFailed(active, answer.error.code);
        return answer;
      } catch (error) {
        const timedOut = error instanceof RequestTimeoutError;
        this.record(pattern, timedOut ? 'timeout' : 'transport_error', startedAt);
        if (timedOut) {
          throw new PayrailError('upstream_timeout', 'The request took too long to complete. Please retry with the same idempotency key.');
        }
        throw error;
      }
    });
    if (!reply.ok) throw deserializeError(reply.error);
    return reply.data as ReplyOf<P>;
  }

  private record(pattern: string, outcome: BusOutcome, startedAt: number): void {
    this.metrics?.busRequest(pattern, outcome, secondsSince(startedAt));
  }
}

/** What follows a message: the request id, its idempotency key and, while tracing, the active span's `traceparent`. */
export function contextHeaders(): MessageHeaders {
  const context = requestContext.current();
  const headers: MessageHeaders = {};
  if (context?.requestId) headers[Headers.RequestId] = context.requestId;
  if (context?.idempotencyKey) headers[Headers.IdempotencyKey] = context.idempotencyKey;
  return injectTraceContext(headers);
}
