import { ServiceNames } from '@payrail/contracts';
import { extractTraceContext, markFailed, runInTraceContext, SpanKind, startSpan, tracingOn, type MessageHeaders, type Span } from '@payrail/messaging';
import type { NextFunction, Request, Response } from 'express';
import { routeTemplateOf } from './http-metrics.middleware.js';
import type { EdgeRequest } from './request-id.middleware.js';

interface TracedResponse extends Response {
  traceSpan?: Span;
}

/**
 * The edge's server span: it continues the caller's W3C `traceparent` (or starts a trace) and is active
 * for everything the request does, so that bus requests carry it on. Named and labelled, when the
 * response finishes, with the route TEMPLATE (never the raw path, never the query) and the status.
 * Mounted first, so that requests refused before routing are traced too. Nothing at all while tracing is off.
 */
export function httpTraceMiddleware(req: Request, res: TracedResponse, next: NextFunction): void {
  if (!tracingOn()) return next();
  const started = startSpan(`${req.method}`, {
    kind: SpanKind.SERVER,
    service: ServiceNames.ApiGateway,
    parent: extractTraceContext(traceHeadersOf(req)),
    attributes: { 'http.request.method': req.method, 'url.scheme': req.protocol },
  });
  if (!started) return next();
  res.traceSpan = started.span;
  res.once('finish', endSpan);
  res.once('close', endSpan);
  runInTraceContext(started.context, next);
}

function endSpan(this: TracedResponse): void {
  const span = this.traceSpan;
  if (!span) return;
  this.traceSpan = undefined;
  const route = routeTemplateOf(this.req);
  span.updateName(`${this.req.method} ${route}`);
  span.setAttributes({ 'http.route': route, 'http.response.status_code': this.statusCode });
  const requestId = (this.req as Partial<EdgeRequest>).requestId;
  if (requestId) span.setAttribute('payrail.request_id', requestId);
  if (!this.writableFinished) markFailed(span, 'connection_closed');
  else if (this.statusCode >= 500) markFailed(span, String(this.statusCode));
  span.end();
}

function traceHeadersOf(req: Request): MessageHeaders {
  const headers: MessageHeaders = {};
  const traceparent = req.header('traceparent');
  const tracestate = req.header('tracestate');
  if (traceparent) headers.traceparent = traceparent;
  if (tracestate) headers.tracestate = tracestate;
  return headers;
}
