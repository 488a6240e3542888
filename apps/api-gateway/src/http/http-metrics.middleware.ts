import { secondsSince, type ServiceMetrics } from '@payrail/messaging';
import type { NextFunction, Request, Response } from 'express';

interface TimedResponse extends Response {
  metricsStartedAt?: number;
}

/**
 * Times every request at the edge into the HTTP histogram, labelled with the route TEMPLATE Express matched
 * (`/v1/payment_intents/:id`), never the raw path: ids in labels would make a series per object. A request
 * no route matched (a 404, a body refused before routing) is `unmatched`. One listener per app, no closure
 * per request.
 */
export function httpMetricsMiddleware(metrics: ServiceMetrics): (req: Request, res: Response, next: NextFunction) => void {
  function recordFinished(this: TimedResponse): void {
    if (this.metricsStartedAt === undefined) return;
    metrics.httpRequest(this.req.method, routeTemplateOf(this.req), this.statusCode, secondsSince(this.metricsStartedAt));
  }
  return (_req, res: TimedResponse, next) => {
    res.metricsStartedAt = performance.now();
    res.on('finish', recordFinished);
    next();
  };
}

/** Middleware mounted for every path (`/{*path}`) leaves its catch-all as `req.route` when no controller route matched. */
const CATCH_ALL = /^\/\{\*\w+\}$/;

export function routeTemplateOf(req: Request): string {
  const route = req.route as { path?: unknown } | undefined;
  if (typeof route?.path !== 'string' || CATCH_ALL.test(route.path)) return 'unmatched';
  return `${req.baseUrl}${route.path}`;
}
