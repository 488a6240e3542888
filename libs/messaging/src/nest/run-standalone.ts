import 'reflect-metadata';
import type { DynamicModule } from '@nestjs/common';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { createBroker } from '../broker/create-broker.js';
import { InProcessBroker } from '../in-process/in-process.broker.js';
import { ServiceRuntimeSettings, toLogLevel } from '../config/runtime-settings.js';
import { maskSecrets } from '../config/secret.js';
import { loadTogether, validateConfig } from '../config/validate-config.js';
import { JsonLogger } from '../logging/json-logger.js';
import { PayrailMetrics } from '../metrics/payrail-metrics.js';
import type { ServiceRuntime } from './service-runtime.js';
import { databaseCheck } from '../health/readiness.js';
import { HealthEndpoint } from './health-endpoint.js';
import { startService } from './service-runner.js';
import { startTracing, tracingExportFrom } from '../tracing/tracing-setup.js';

class StandaloneServiceSettings extends ServiceRuntimeSettings {
  @IsString() @IsNotEmpty() DATABASE_URL!: string;
  @IsString() @IsNotEmpty() KAFKA_BROKERS!: string;
  /** Where `GET /health` (readiness), `GET /health/live` and `GET /metrics` (Prometheus) answer; no HTTP listener when unset. */
  @IsOptional() @IsInt() @Min(1) @Max(65535) PAYRAIL_HEALTH_PORT?: number;
}

/**
 * `node dist/apps/<service>/src/main.js`: one service alone, on real Postgres and Kafka. Its main.ts
 * hands over the process environment; the process settings and the service module's own are validated
 * together before anything connects, and a bad deployment exits naming every bad variable.
 */
export async function runStandalone(
  service: string,
  env: NodeJS.ProcessEnv,
  moduleFor: (runtime: ServiceRuntime) => DynamicModule,
): Promise<void> {
  let logger = new JsonLogger(service);
  try {
    // The module is built once beforehand on a broker that never connects, only to check its settings:
    // one error then lists the problems of both, even when the process settings are bad too.
    const [settings] = loadTogether(
      () => validateConfig(StandaloneServiceSettings, env),
      () => moduleFor({ broker: new InProcessBroker(), databaseUrl: '', env }),
    );
    logger = new JsonLogger(service, toLogLevel(settings.LOG_LEVEL));
    const broker = createBroker(service, settings.KAFKA_BROKERS, settings.KAFKA_NAMESPACE);
    const metrics = new PayrailMetrics({ runtime: { service } });
    const runtime: ServiceRuntime = { broker, databaseUrl: settings.DATABASE_URL, env, outboxRelay: settings.PAYRAIL_OUTBOX_RELAY !== 'off', metrics };
    logger.log(`${service} configuration: ${JSON.stringify(maskSecrets(settings))}`);
    const tracing = startTracing(tracingExportFrom(settings, service));
    const health = new HealthEndpoint(service, metrics);
    if (settings.PAYRAIL_HEALTH_PORT) await health.listen(settings.PAYRAIL_HEALTH_PORT);
    await broker.connect();
    const messaging = { inboxRetentionDays: settings.PAYRAIL_INBOX_RETENTION_DAYS };
    const app = await startService({ service, broker, module: moduleFor(runtime), logLevel: toLogLevel(settings.LOG_LEVEL), metrics, messaging });
    const database = app.get(DataSource);
    health.markReady([databaseCheck((sql) => database.query(sql)), { name: 'broker', check: () => broker.probe() }]);
    const shutdown = async (): Promise<void> => {
      await health.close();
      await app.close();
      await broker.close();
      await tracing?.shutdown();
      process.exit(0);
    };
    process.once('SIGTERM', shutdown);
    process.once('SIGINT', shutdown);
  } catch (error) {
    logger.fatal(`${service} failed to start: ${(error as Error).message}`, (error as Error).stack);
    process.exit(1);
  }
}
