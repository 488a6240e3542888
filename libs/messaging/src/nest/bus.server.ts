import type { Attributes } from '@opentelemetry/api';
import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import { isSerializedError, serializeError } from '@payrail/errors';
import { lastValueFrom } from 'rxjs';
import {
  Headers,
  type EventHandler,
  type InboundEvent,
  type InboundRequest,
  type MessageBroker,
  type MessageHeaders,
  type Reply,
  type RequestHandler,
} from '../broker/message-broker.js';
import { requestContext } from '../context/request-context.js';
import { secondsSince, type ServiceMetrics } from '../metrics/payrail-metrics.js';
import { extractTraceContext, inSpan, markFailed, SpanKind, type SpanOptions } from '../tracing/trace-context.js';
import { BusContext } from './bus.context.js';

const CONCURRENT_DELIVERY_EXTRA = 'concurrentDelivery';

/**
 * `@EventPattern(topic, CONCURRENT_DELIVERY)`: the handler may be given a batch's events at once (see
 * ConsumeOptions.concurrentTopics); it must keep their order itself, as a group commit queue does.
 */
export const CONCURRENT_DELIVERY: Readonly<Record<string, boolean>> = { [CONCURRENT_DELIVERY_EXTRA]: true };

/**
 * A Nest transport strategy over a MessageBroker: `@MessagePattern` handlers serve requests and
 * `@EventPattern(topic)` handlers consume a topic, with Nest's pipes, guards and filters around them.
 */
export class BusServer extends Server implements CustomTransportStrategy {
  private stopSamplingLag: (() => void) | undefined;

  constructor(
    private readonly broker: MessageBroker,
    private readonly group: string,
    private readonly metrics?: ServiceMetrics,
  ) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const requests = new Map<string, RequestHandler>();
      const events = new Map<string, EventHandler>();
      const concurrentTopics = new Set<string>();
      for (const [pattern, handler] of this.messageHandlers) {
        if (handler.isEventHandler) events.set(pattern, (event) => this.handleInboundEvent(handler, event));
        else requests.set(pattern, (request) => this.handleInboundRequest(handler, request));
        if (handler.isEventHandler && handler.extras?.[CONCURRENT_DELIVERY_EXTRA] === true) concurrentTopics.add(pattern);
      }
      await this.broker.consumeEvents(this.group, events, { concurrentTopics });
      if (events.size > 0) this.stopSamplingLag = this.metrics?.sample('payrail_consumer_lag_events', async () => this.broker.eventLag(this.group));
      await this.broker.serveRequests(this.group, requests);
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    this.stopSamplingLag?.();
  }

  on(): void {
    throw new Error('BusServer does not emit transport events');
  }

  unwrap<T>(): T {
    return this.broker as T;
  }

  private handleInboundRequest(handler: MessageHandler, request: InboundRequest): Promise<Reply> {
    const span = this.spanOf(SpanKind.SERVER, request.pattern, request.headers);
    return runInContext(request.headers, () => inSpan(request.pattern, span, async (active): Promise<Reply> => {
      try {
        const context = new BusContext([request.pattern, request.headers]);
        const data = await lastValueFrom(this.transformToObservable(await handler(request.data, context)), { defaultValue: null });
        return { ok: true, data };
      } catch (error) {
        const serialized = isSerializedError(error) ? error : serializeError(error);
        markFailed(active, serialized.code);
        return { ok: false, error: serialized };
      }
    }));
  }

  private handleInboundEvent(handler: MessageHandler, event: InboundEvent): Promise<void> {
    const span = this.spanOf(SpanKind.CONSUMER, event.topic, event.headers, () => eventAttributes(event.data));
    return runInContext(event.headers, () => inSpan(`process ${event.topic}`, span, async () => {
      const startedAt = performance.now();
      try {
        const context = new BusContext([event.topic, event.headers]);
        await lastValueFrom(this.transformToObservable(await handler(event.data, context)), { defaultValue: null });
        this.metrics?.eventHandled(event.topic, 'ok', secondsSince(startedAt));
      } catch (error) {
        this.metrics?.eventHandled(event.topic, 'error', secondsSince(startedAt));
        throw error;
      }
    }));
  }

  /** A served request's or a consumed event's span, as a child of the `traceparent` its headers carry; built only while tracing. */
  private spanOf(kind: SpanKind, destination: string, headers: MessageHeaders, more: () => Attributes = () => ({})): () => SpanOptions {
    return () => ({
      kind,
      service: this.group,
      parent: extractTraceContext(headers),
      attributes: { 'messaging.system': this.broker.kind, 'messaging.destination.name': destination, 'messaging.operation.type': 'process', ...more() },
    });
  }
}

interface EventIdentity {
  id?: unknown;
  type?: unknown;
}

/** The event's id and type, which name it without quoting its object. */
function eventAttributes(data: unknown): Record<string, string> {
  const { id, type } = (data ?? {}) as EventIdentity;
  return {
    ...(typeof id === 'string' ? { 'messaging.message.id': id } : {}),
    ...(typeof type === 'string' ? { 'payrail.event.type': type } : {}),
  };
}

function runInContext<T>(headers: Record<string, string>, work: () => Promise<T>): Promise<T> {
  return requestContext.run(
    { requestId: headers[Headers.RequestId] ?? '', idempotencyKey: headers[Headers.IdempotencyKey] },
    work,
  );
}
