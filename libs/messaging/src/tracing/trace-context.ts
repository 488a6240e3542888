import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { MessageHeaders } from '../broker/message-broker.js';

export { SpanKind };
export type { Span };

/** The W3C Trace Context header, as on HTTP; bus messages and outbox rows carry it under the same name. */
export const TRACEPARENT_HEADER = 'traceparent';

const w3c = new W3CTraceContextPropagator();
const getter = {
  get: (carrier: Readonly<MessageHeaders>, key: string) => carrier[key],
  keys: (carrier: Readonly<MessageHeaders>) => Object.keys(carrier),
};
const setter = { set: (carrier: MessageHeaders, key: string, value: string) => { carrier[key] = value; } };

/** The one tracer: which service made a span is its `payrail.service` attribute (the platform runs them all in one process). */
const TRACER_NAME = 'payrail';

let recording = false;

/**
 * Switched on once a tracer provider is registered (startTracing). While off, the seams below run their
 * work directly: no span object, no context switch, no header written.
 */
export function setTracingOn(on: boolean): void {
  recording = on;
}

export function tracingOn(): boolean {
  return recording;
}

/** Adds the `traceparent` (and `tracestate`) of the span active in `from` to `headers`; nothing when there is none. */
export function injectTraceContext(headers: MessageHeaders, from: Context = context.active()): MessageHeaders {
  w3c.inject(from, headers, setter);
  return headers;
}

/**
 * The remote parent that `headers` carry, as a context to start a span in; the root context when they
 * carry none (or a malformed one). Never the context that happens to be active: the in-process transport
 * runs a handler inside its caller's async context, and must link spans only as Kafka can, by headers.
 */
export function extractTraceContext(headers: Readonly<MessageHeaders> | null | undefined): Context {
  if (!headers?.[TRACEPARENT_HEADER]) return ROOT_CONTEXT;
  return w3c.extract(ROOT_CONTEXT, headers, getter);
}

/** The active span's trace id, for log lines; undefined when no span is active. */
export function activeTraceId(): string | undefined {
  const spanContext = trace.getSpanContext(context.active());
  return spanContext && trace.isSpanContextValid(spanContext) ? spanContext.traceId : undefined;
}

/** The active span's `traceparent`, to store beside work that another process picks up later. */
export function activeTraceparent(): string | null {
  return injectTraceContext({})[TRACEPARENT_HEADER] ?? null;
}

export interface SpanOptions {
  kind: SpanKind;
  /** The service that makes the span. */
  service: string;
  attributes?: Attributes;
  /** Where the span hangs: a context extracted from a message or row; the active context by default. */
  parent?: Context;
}

/**
 * Runs `work` in a new span that is active for everything it awaits, and ends it when `work` settles. A
 * thrown error marks the span failed with the error's class or code only: messages can quote input.
 * While tracing is off, `work` runs alone and gets no span (options given as a function are not even built).
 */
export async function inSpan<T>(name: string, spanOptions: SpanOptions | (() => SpanOptions), work: (span: Span | undefined) => Promise<T>): Promise<T> {
  if (!recording) return work(undefined);
  const options = typeof spanOptions === 'function' ? spanOptions() : spanOptions;
  const parent = options.parent ?? context.active();
  const span = trace.getTracer(TRACER_NAME).startSpan(
    name,
    { kind: options.kind, attributes: { 'payrail.service': options.service, ...options.attributes } },
    parent,
  );
  try {
    return await context.with(trace.setSpan(parent, span), () => work(span));
  } catch (error) {
    markFailed(span, errorType(error));
    throw error;
  } finally {
    span.end();
  }
}

/** Starts a span that the caller ends (a span whose end is an event, such as an HTTP response finishing); undefined while tracing is off. */
export function startSpan(name: string, options: SpanOptions): { span: Span; context: Context } | undefined {
  if (!recording) return undefined;
  const parent = options.parent ?? context.active();
  const span = trace.getTracer(TRACER_NAME).startSpan(
    name,
    { kind: options.kind, attributes: { 'payrail.service': options.service, ...options.attributes } },
    parent,
  );
  return { span, context: trace.setSpan(parent, span) };
}

/** Runs `work` with `active` (a started span's context) as the active context. */
export function runInTraceContext<T>(active: Context, work: () => T): T {
  return context.with(active, work);
}

/** Marks a span failed with a short, input-free description (an error code, an exception's class name). */
export function markFailed(span: Span | undefined, type: string): void {
  span?.setAttribute('error.type', type);
  span?.setStatus({ code: SpanStatusCode.ERROR });
}

function errorType(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.length <= 64) return code;
  return error instanceof Error ? error.name : 'unknown';
}
