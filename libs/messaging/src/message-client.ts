import { Inject, Injectable, Optional } from '@nestjs/common';
import type { PatternMap, ReplyOf, RequestOf } from '@payrail/contracts';
import { deserializeError, PayrailError } from '@payrail/errors';
import { RequestTimeoutError, Headers, type MessageBroker, type MessageHeaders } from './broker/message-broker.js';
import { requestContext } from './context/request-context.js';
import { secondsSince, ServiceMetrics, type BusOutcome } from './metrics/payrail-metrics.js';
import { MESSAGE_BROKER } from './tokens.js';

export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

/** The one typed request/reply client: a domain error from the service is rethrown here as itself. */
@Injectable()
export class MessageClient {
  constructor(
    @Inject(MESSAGE_BROKER) private readonly broker: MessageBroker,
    @Optional() @Inject(ServiceMetrics) private readonly metrics?: ServiceMetrics,
  ) {}

  async send<P extends keyof PatternMap>(
    pattern: P,
    request: RequestOf<P>,
    options: { timeoutMs?: number } = {},
  ): Promise<ReplyOf<P>> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    const startedAt = performance.now();
    let reply;
    try {
      reply = await this.broker.request(pattern, request, { timeoutMs, headers: contextHeaders() });
    } catch (error) {
      const timedOut = error instanceof RequestTimeoutError;
      this.record(pattern, timedOut ? 'timeout' : 'transport_error', startedAt);
      if (timedOut) {
        throw new PayrailError('upstream_timeout', 'The request took too long to complete. Please retry with the same idempotency key.');
      }
      throw error;
    }
    this.record(pattern, reply.ok ? 'ok' : 'error', startedAt);
    if (!reply.ok) throw deserializeError(reply.error);
    return reply.data as ReplyOf<P>;
  }

  private record(pattern: string, outcome: BusOutcome, startedAt: number): void {
    this.metrics?.busRequest(pattern, outcome, secondsSince(startedAt));
  }
}

export function contextHeaders(): MessageHeaders {
  const context = requestContext.current();
  const headers: MessageHeaders = {};
  if (context?.requestId) headers[Headers.RequestId] = context.requestId;
  if (context?.idempotencyKey) headers[Headers.IdempotencyKey] = context.idempotencyKey;
  return headers;
}
