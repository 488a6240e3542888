import { context, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { RuntimeSettings } from '../config/runtime-settings.js';
import { setTracingOn } from './trace-context.js';

export interface TracingExport {
  /** Where spans are POSTed (OTLP/HTTP, JSON), the full URL of the traces endpoint. */
  tracesUrl: string;
  /** The exported resource's `service.name`. */
  serviceName: string;
}

export interface RunningTracing {
  /** Exports what is buffered (best effort) and unregisters the provider. */
  shutdown(): Promise<void>;
}

/**
 * From the process's validated settings: the traces endpoint (`OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` as
 * given, else `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/traces`, as the OpenTelemetry specification says), or
 * undefined when neither is set: tracing is off.
 */
export function tracingExportFrom(settings: RuntimeSettings, defaultServiceName: string): TracingExport | undefined {
  const tracesUrl = settings.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT
    ?? (settings.OTEL_EXPORTER_OTLP_ENDPOINT ? `${settings.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces` : undefined);
  return tracesUrl ? { tracesUrl, serviceName: settings.OTEL_SERVICE_NAME ?? defaultServiceName } : undefined;
}

/**
 * Registers a tracer provider that batches spans to an OTLP/HTTP endpoint, with AsyncLocalStorage
 * context and the W3C propagators. Without an export nothing is registered: the OpenTelemetry API stays a
 * no-op and Payrail's seams skip their spans altogether.
 */
export function startTracing(exporting: TracingExport | undefined): RunningTracing | undefined {
  if (!exporting) return undefined;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': exporting.serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: exporting.tracesUrl }))],
  });
  provider.register();
  setTracingOn(true);
  return {
    async shutdown() {
      setTracingOn(false);
      // An unreachable collector loses the last spans; it must not stop the process from shutting down.
      await provider.shutdown().catch(() => undefined);
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
