import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { context, propagation, trace } from '@opentelemetry/api';
import type { IHeaders } from 'kafkajs';
import { Headers, type MessageHeaders } from '../broker/message-broker.js';
import { requestContext } from '../context/request-context.js';
import { decodeHeaders } from '../kafka/kafka.broker.js';
import { JsonLogger } from '../logging/json-logger.js';
import { contextHeaders } from '../message-client.js';
import { startPublishSpans } from './publish-spans.js';
import { activeTraceId, extractTraceContext, inSpan, setTracingOn, SpanKind } from './trace-context.js';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;

/** What kafkajs hands a consumer: every header value as bytes. */
function asKafkaDelivers(headers: MessageHeaders): IHeaders {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Buffer.from(value, 'utf8')]));
}

describe('trace context across the bus and the outbox', () => {
  const exporter = new InMemorySpanExporter();
  let provider: NodeTracerProvider;

  beforeAll(() => {
    provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    provider.register();
    setTracingOn(true);
  });
  afterAll(async () => {
    setTracingOn(false);
    await provider.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
  });
  beforeEach(() => exporter.reset());

  const finished = (name: string): ReadableSpan => {
    const span = exporter.getFinishedSpans().find((candidate) => candidate.name === name);
    if (!span) throw new Error(`no finished span ${name}; have ${exporter.getFinishedSpans().map((s) => s.name).join(', ')}`);
    return span;
  };

  it('carries the caller\'s span through Kafka message headers, so that the serving side is its child in the same trace', async () => {
    let sent: MessageHeaders = {};
    await requestContext.run({ requestId: 'req_trace1' }, () =>
      inSpan('payments.intent.create', { kind: SpanKind.CLIENT, service: 'api-gateway' }, async () => {
        sent = contextHeaders();
      }),
    );
    expect(sent[Headers.RequestId]).toBe('req_trace1');
    const [, traceId, spanId] = TRACEPARENT.exec(sent.traceparent)!;

    const received = decodeHeaders(asKafkaDelivers(sent));
    expect(received).toEqual(sent);
    await inSpan('serve payments.intent.create', { kind: SpanKind.SERVER, service: 'payments', parent: extractTraceContext(received) }, async () => undefined);

    const client = finished('payments.intent.create');
    const server = finished('serve payments.intent.create');
    expect(client.spanContext()).toMatchObject({ traceId, spanId });
    expect(server.spanContext().traceId).toBe(traceId);
    expect(server.parentSpanContext).toMatchObject({ traceId, spanId, isRemote: true });
    expect(server.attributes['payrail.service']).toBe('payments');
  });

  it('keeps the writing transaction\'s traceparent in the outbox row, and the relayed event continues that trace, whatever context the relay runs in', async () => {
    let row: MessageHeaders = {};
    await inSpan('process payments.intent.confirm', { kind: SpanKind.SERVER, service: 'payments' }, async () => {
      // As the outbox stores them: JSON in a jsonb column.
      row = JSON.parse(JSON.stringify(contextHeaders())) as MessageHeaders;
    });
    const writer = finished('process payments.intent.confirm');
    expect(row.traceparent).toBe(`00-${writer.spanContext().traceId}-${writer.spanContext().spanId}-01`);

    // The relay is nudged from inside some other request: its spans still hang from the row's trace.
    let relayed: MessageHeaders = {};
    await inSpan('unrelated request', { kind: SpanKind.SERVER, service: 'payments' }, async () => {
      const spans = startPublishSpans('payments.events', 'payments', 'kafka', [{ key: 'pi_1', data: { id: 'evt_1' }, headers: row }]);
      relayed = spans.events[0].headers;
      spans.end();
    });
    expect(row.traceparent).toBe(`00-${writer.spanContext().traceId}-${writer.spanContext().spanId}-01`);
    const publish = finished('publish payments.events');
    expect(publish.kind).toBe(SpanKind.PRODUCER);
    expect(publish.spanContext().traceId).toBe(writer.spanContext().traceId);
    expect(publish.parentSpanContext?.spanId).toBe(writer.spanContext().spanId);
    expect(relayed.traceparent).toBe(`00-${publish.spanContext().traceId}-${publish.spanContext().spanId}-01`);

    await inSpan('process payments.events', { kind: SpanKind.CONSUMER, service: 'webhook-dispatch', parent: extractTraceContext(decodeHeaders(asKafkaDelivers(relayed))) }, async () => undefined);
    expect(finished('process payments.events').parentSpanContext?.spanId).toBe(publish.spanContext().spanId);
  });

  it('writes no traceparent outside a span, and starts a new trace from a missing or malformed one', async () => {
    expect(contextHeaders()).not.toHaveProperty('traceparent');
    for (const headers of [{} as MessageHeaders, { traceparent: '00-not-a-trace-01' }, { traceparent: `00-${'0'.repeat(32)}-${'1'.repeat(16)}-01` }]) {
      exporter.reset();
      await inSpan('root', { kind: SpanKind.SERVER, service: 'payments', parent: extractTraceContext(headers) }, async () => undefined);
      const root = finished('root');
      expect(root.parentSpanContext).toBeUndefined();
      expect(root.spanContext().traceId).toMatch(/^(?!0{32})[0-9a-f]{32}$/);
    }
  });

  it('marks a failed span with the error\'s code only, never its message', async () => {
    const failure = Object.assign(new Error('card 4242424242424242 was declined'), { code: 'card_declined' });
    await expect(inSpan('failing', { kind: SpanKind.SERVER, service: 'payments' }, async () => { throw failure; })).rejects.toBe(failure);
    const failed = finished('failing');
    expect(failed.attributes['error.type']).toBe('card_declined');
    expect(JSON.stringify({ attributes: failed.attributes, events: failed.events, status: failed.status })).not.toContain('4242');
  });

  it('puts the active span\'s trace id in every log line, and no trace_id field at all outside a span', async () => {
    const lines: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string | Uint8Array) => { lines.push(String(chunk)); return true; }) as typeof process.stdout.write;
    try {
      const logger = new JsonLogger('payments');
      let traceId: string | undefined;
      await requestContext.run({ requestId: 'req_logged' }, () =>
        inSpan('logged', { kind: SpanKind.SERVER, service: 'payments' }, async () => {
          traceId = activeTraceId();
          logger.log('inside');
        }),
      );
      logger.log('outside');
      const [inside, outside] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(inside).toMatchObject({ msg: 'inside', request_id: 'req_logged', trace_id: traceId });
      expect(traceId).toBe(finished('logged').spanContext().traceId);
      expect(outside.msg).toBe('outside');
      expect(outside).not.toHaveProperty('trace_id');
    } finally {
      process.stdout.write = write;
    }
  });

  it('records and injects nothing while tracing is off', async () => {
    setTracingOn(false);
    try {
      let given: unknown = 'unset';
      await inSpan('off', { kind: SpanKind.SERVER, service: 'payments' }, async (span) => {
        given = span;
        expect(contextHeaders()).not.toHaveProperty('traceparent');
      });
      const passthrough = [{ key: 'k', data: {}, headers: { traceparent: `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01` } }];
      const spans = startPublishSpans('payments.events', 'payments', 'kafka', passthrough);
      spans.end();
      expect(spans.events).toBe(passthrough);
      expect(given).toBeUndefined();
      expect(exporter.getFinishedSpans()).toEqual([]);
    } finally {
      setTracingOn(true);
    }
  });
});
