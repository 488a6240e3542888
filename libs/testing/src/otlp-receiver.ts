import { createServer, type Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { gunzipSync } from 'node:zlib';

/** An OTLP attribute value as OTLP/JSON writes it (64-bit integers as strings). */
interface AnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number;
  arrayValue?: { values?: AnyValue[] };
}

interface KeyValue {
  key: string;
  value: AnyValue;
}

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: KeyValue[];
  status?: { code?: number };
}

/** `POST /v1/traces` as `@opentelemetry/exporter-trace-otlp-http` sends it: ExportTraceServiceRequest in OTLP/JSON. */
interface ExportTraceServiceRequest {
  resourceSpans?: Array<{
    resource?: { attributes?: KeyValue[] };
    scopeSpans?: Array<{ spans?: OtlpSpan[] }>;
  }>;
}

/** A span as received, ids in hex, attributes flattened to plain values. */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  /** Absent for a root span. */
  parentSpanId?: string;
  name: string;
  /** OTLP's SpanKind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  attributes: Record<string, string | number | boolean>;
  resource: Record<string, string | number | boolean>;
  /** 2 when the span failed. */
  statusCode: number;
}

export const OtlpSpanKind = { Internal: 1, Server: 2, Client: 3, Producer: 4, Consumer: 5 } as const;

function plain(value: AnyValue): string | number | boolean {
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  return JSON.stringify(value.arrayValue?.values?.map(plain) ?? null);
}

function flatten(attributes: KeyValue[] | undefined): Record<string, string | number | boolean> {
  return Object.fromEntries((attributes ?? []).map(({ key, value }) => [key, plain(value)]));
}

/**
 * A collector's OTLP/HTTP traces endpoint on loopback for tests: it takes what the JSON exporter POSTs
 * (gzipped or not), keeps every span, and answers as a collector does. Anything but JSON is refused with
 * 415, so that a change of the exporter's encoding fails loudly instead of losing spans.
 */
export class OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];
  /** Every request body as received (decompressed): for checks over everything exported. */
  readonly bodies: string[] = [];
  private server!: Server;
  /** The base URL, as `OTEL_EXPORTER_OTLP_ENDPOINT` takes it. */
  url = '';

  static async start(): Promise<OtlpReceiver> {
    const receiver = new OtlpReceiver();
    receiver.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        if (req.method !== 'POST' || req.url !== '/v1/traces') return void res.writeHead(404).end();
        if (!String(req.headers['content-type']).startsWith('application/json')) return void res.writeHead(415).end();
        const raw = Buffer.concat(chunks);
        const body = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
        receiver.bodies.push(body);
        receiver.take(JSON.parse(body) as ExportTraceServiceRequest);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    receiver.url = `http://127.0.0.1:${(receiver.server.address() as { port: number }).port}`;
    return receiver;
  }

  async waitFor(predicate: (spans: ReceivedSpan[]) => boolean, timeoutMs = 30_000): Promise<void> {
    const started = Date.now();
    while (!predicate(this.spans)) {
      if (Date.now() - started > timeoutMs) throw new Error(`Span condition not met within ${timeoutMs} ms; received ${this.spans.length} spans`);
      await sleep(100);
    }
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private take(request: ExportTraceServiceRequest): void {
    for (const resourceSpans of request.resourceSpans ?? []) {
      const resource = flatten(resourceSpans.resource?.attributes);
      for (const scope of resourceSpans.scopeSpans ?? []) {
        for (const span of scope.spans ?? []) {
          this.spans.push({
            traceId: span.traceId,
            spanId: span.spanId,
            parentSpanId: span.parentSpanId || undefined,
            name: span.name,
            kind: span.kind,
            attributes: flatten(span.attributes),
            resource,
            statusCode: span.status?.code ?? 0,
          });
        }
      }
    }
  }
}
