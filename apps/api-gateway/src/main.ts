import 'reflect-metadata';
import { ServiceNames } from '@payrail/contracts';
import { createBroker, JsonLogger, loadTogether, maskSecrets, PayrailMetrics, RuntimeSettings, startTracing, toLogLevel, tracingExportFrom, validateConfig } from '@payrail/messaging';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, Min } from 'class-validator';
import { EdgeEnv, edgeSettingsFrom } from './config/edge.config.js';
import { createEdgeApp } from './http/create-edge-app.js';

/** The edge alone, on real Kafka and Postgres; its own settings are `EdgeEnv`. */
class EdgeProcessSettings extends RuntimeSettings {
  @IsString() @IsNotEmpty() KAFKA_BROKERS!: string;
  /** The edge's own `gateway` schema: idempotency keys hold across replicas and restarts. */
  @IsString() @IsNotEmpty() DATABASE_URL!: string;
  @IsOptional() @IsInt() @Min(1) @Max(65535) PORT?: number;
  @IsOptional() @IsString() HOST?: string;
}

let logger = new JsonLogger(ServiceNames.ApiGateway);
try {
  const [config, edgeEnv] = loadTogether(
    () => validateConfig(EdgeProcessSettings, process.env),
    () => validateConfig(EdgeEnv, process.env),
  );
  const logLevel = toLogLevel(config.LOG_LEVEL);
  logger = new JsonLogger(ServiceNames.ApiGateway, logLevel);
  logger.log(`api-gateway configuration: ${JSON.stringify({ ...maskSecrets(config), ...maskSecrets(edgeEnv) })}`);
  const tracing = startTracing(tracingExportFrom(config, ServiceNames.ApiGateway));
  const broker = createBroker(ServiceNames.ApiGateway, config.KAFKA_BROKERS, config.KAFKA_NAMESPACE);
  await broker.connect();
  const metrics = new PayrailMetrics({ runtime: { service: ServiceNames.ApiGateway } });
  const app = await createEdgeApp({ broker, databaseUrl: config.DATABASE_URL, logLevel, metrics, ...edgeSettingsFrom(edgeEnv) });
  await app.listen(config.PORT ?? 3000, config.HOST ?? '0.0.0.0');
  logger.log(`api-gateway listening on ${await app.getUrl()}`);
  const shutdown = async (): Promise<void> => {
    await app.close();
    await broker.close();
    await tracing?.shutdown();
    process.exit(0);
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
} catch (error) {
  logger.fatal(`api-gateway failed to start: ${(error as Error).message}`, (error as Error).stack);
  process.exit(1);
}
