import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { context, propagation, SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { Patterns } from '@payrail/contracts';
import { activeTraceId, setTracingOn, SpanKind } from '@payrail/messaging';
import request from 'supertest';
import { LimitedEdge } from '../testing/limited-edge-under-test.js';

describe('the edge\'s server span', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const edge = new LimitedEdge();
  const traceSeenByAuth: Array<string | undefined> = [];
  let app: INestApplication;

  beforeAll(async () => {
    provider.register();
    setTracingOn(true);
    const verify = edge.bus.replies[Patterns.AuthApiKeyVerify]!;
    edge.bus.replies[Patterns.AuthApiKeyVerify] = (req) => {
      traceSeenByAuth.push(activeTraceId());
      return verify(req);
    };
    app = await edge.start();
  });
  afterAll(async () => {
    await app.close();
    setTracingOn(false);
    await provider.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
  });
  beforeEach(() => {
    exporter.reset();
    traceSeenByAuth.length = 0;
  });

  const onlySpan = async (): Promise<ReadableSpan> => {
    // The span ends on the response's `finish`, which may follow the client's read by a tick.
    for (let waited = 0; exporter.getFinishedSpans().length === 0 && waited < 2000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(1);
    return spans[0];
  };

  it('continues the caller\'s traceparent, is active while the request is handled, and is named by route template and status', async () => {
    const traceId = randomBytes(16).toString('hex');
    const parentId = randomBytes(8).toString('hex');
    const answer = await request(app.getHttpServer())
      .get('/v1/payment_intents/pi_secretLooking123?expand[]=latest_charge')
      .set('traceparent', `00-${traceId}-${parentId}-01`)
      .auth('sk_test_a', { type: 'bearer' })
      .expect(200);

    const span = await onlySpan();
    expect(span.name).toBe('GET /v1/payment_intents/:id');
    expect(span.kind).toBe(SpanKind.SERVER);
    expect(span.spanContext().traceId).toBe(traceId);
    expect(span.parentSpanContext).toMatchObject({ traceId, spanId: parentId, isRemote: true });
    expect(span.attributes).toMatchObject({
      'payrail.service': 'api-gateway',
      'http.request.method': 'GET',
      'http.route': '/v1/payment_intents/:id',
      'http.response.status_code': 200,
      'payrail.request_id': answer.headers['request-id'],
    });
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(JSON.stringify(span.attributes)).not.toMatch(/pi_secretLooking123|expand|sk_test_a/);
    expect(traceSeenByAuth).toEqual([traceId]);
  });

  it('starts a trace when none comes in, and names refused and unrouted requests `unmatched`', async () => {
    await request(app.getHttpServer()).get('/v1/no_such_thing/xyz_789').auth('sk_test_a', { type: 'bearer' }).expect(404);
    const span = await onlySpan();
    expect(span.name).toBe('GET unmatched');
    expect(span.parentSpanContext).toBeUndefined();
    expect(span.attributes).toMatchObject({ 'http.route': 'unmatched', 'http.response.status_code': 404 });
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
  });
});
