import { Logger, type INestMicroservice, type Type, type DynamicModule, type LogLevel, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { busValidationExceptionFactory } from '@payrail/errors';
import type { MessageBroker } from '../broker/message-broker.js';
import { JsonLogger } from '../logging/json-logger.js';
import type { PayrailMetrics } from '../metrics/payrail-metrics.js';
import { BusServer } from './bus.server.js';
import { withMessagingSettings, type MessagingSettings } from './messaging-settings.module.js';
import { RpcErrorFilter } from './rpc-error.filter.js';
import { cacheValidationMetadata } from './validation-metadata-cache.js';

/**
 * Starts one backend service as a Nest microservice on the given broker. Its module has run its
 * migrations by the time `listen` subscribes, so a service answers its ping only when it is ready.
 */
export async function startService(options: {
  service: string;
  module: Type<unknown> | DynamicModule;
  broker: MessageBroker;
  /** The most verbose level logged (default `log`). */
  logLevel?: LogLevel;
  /** The process's registry: the time its event handlers take is recorded there. */
  metrics?: PayrailMetrics;
  /** From the process settings (PAYRAIL_INBOX_RETENTION_DAYS…); defaults where unset. */
  messaging?: MessagingSettings;
}): Promise<INestMicroservice> {
  const app = await NestFactory.createMicroservice(withMessagingSettings(options.module, options.messaging ?? {}), {
    strategy: new BusServer(options.broker, options.service, options.metrics?.forService(options.service)),
    logger: new JsonLogger(options.service, options.logLevel),
    bufferLogs: false,
  });
  app.useGlobalFilters(new RpcErrorFilter());
  cacheValidationMetadata();
  app.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: busValidationExceptionFactory }),
  );
  try {
    await app.listen();
  } catch (error) {
    // A service that refuses to start (bad configuration, a database it cannot use) lets go of what it opened.
    await app.close().catch(() => undefined);
    throw error;
  }
  new Logger('ServiceRunner').log(`${options.service} is listening on the ${options.broker.kind} transport`);
  return app;
}
