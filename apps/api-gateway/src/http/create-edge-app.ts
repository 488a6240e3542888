import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { PayrailHttpExceptionFilter, validationExceptionFactory } from '@payrail/errors';
import { cacheValidationMetadata, JsonLogger, ServiceMetrics } from '@payrail/messaging';
import { ApiGatewayModule, type EdgeOptions } from '../api-gateway.module.js';
import { usePublicUrls } from '../common/public-url.js';
import { installBodyParsers } from './body-parsers.js';
import { bodyErrorHandler } from './body-error.handler.js';
import { EdgeExpressAdapter } from './edge-express-adapter.js';
import { httpMetricsMiddleware } from './http-metrics.middleware.js';
import { httpTraceMiddleware } from './http-trace.middleware.js';
import { refuseMalformedParameters } from './malformed-parameters.middleware.js';
import { RefuseNullParameters } from './refuse-null-parameters.pipe.js';
import { requestIdMiddleware } from './request-id.middleware.js';
import { routeSignedTransactionListToGatewayApi } from '../surfaces/gateway-api/shared-paths.middleware.js';
import type { TrustProxySetting } from './trust-proxy.js';

/** The edge as an HTTP application on a broker and its own database schema: the only public surface. */
export async function createEdgeApp(options: EdgeOptions): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiGatewayModule.forRoot(options), new EdgeExpressAdapter(), {
    bodyParser: false,
    logger: new JsonLogger('api-gateway', options.logLevel),
  });
  configureEdgeHttp(app, { trustProxy: options.trustProxy, metrics: app.get(ServiceMetrics) });
  usePublicUrls(app, { publicUrl: options.publicUrl, oauthIssuer: options.oauthIssuer });
  app.enableShutdownHooks();
  return app;
}

/**
 * What every request meets before and around a controller: request ids, JSON and Stripe form bodies,
 * their refusals (in the error body of the surface the request is for), and errors in Payrail's envelope; which proxies' X-Forwarded-For gives a request's
 * address (none unless configured); with `metrics`, the HTTP latency histogram. Specs that mount a controller alone use it too.
 */
export function configureEdgeHttp(
  app: INestApplication,
  { trustProxy, metrics }: { trustProxy: TrustProxySetting; metrics?: ServiceMetrics } = { trustProxy: false },
): void {
  const express = (app as NestExpressApplication).getHttpAdapter().getInstance();
  // First, so that requests refused by the middleware below are traced and timed too.
  express.use(httpTraceMiddleware);
  if (metrics) express.use(httpMetricsMiddleware(metrics));
  express.disable('x-powered-by');
  express.set('trust proxy', trustProxy);
  express.use(requestIdMiddleware);
  installBodyParsers(express);
  express.use(bodyErrorHandler);
  express.use(refuseMalformedParameters);
  express.use(routeSignedTransactionListToGatewayApi);
  app.useGlobalFilters(new PayrailHttpExceptionFilter());
  cacheValidationMetadata();
  app.useGlobalPipes(
    new RefuseNullParameters(),
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: validationExceptionFactory }),
  );
}
