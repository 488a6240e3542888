import 'reflect-metadata';
import type { DynamicModule } from '@nestjs/common';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, Min } from 'class-validator';
import { createBroker } from '../broker/create-broker.js';
import { validateConfig } from '../config/validate-config.js';
import { JsonLogger } from '../logging/json-logger.js';
import type { ServiceRuntime } from './service-runtime.js';
import { HealthEndpoint } from './health-endpoint.js';
import { startService } from './service-runner.js';

class StandaloneServiceConfig {
  @IsString() @IsNotEmpty() DATABASE_URL!: string;
  @IsString() @IsNotEmpty() KAFKA_BROKERS!: string;
  /** Where `GET /health` answers for orchestrators' probes; no HTTP listener when unset. */
  @IsOptional() @IsInt() @Min(1) @Max(65535) PAYRAIL_HEALTH_PORT?: number;
}

/** `node dist/apps/<service>/src/main.js`: one service alone, on real Postgres and Kafka. */
export async function runStandalone(service: string, moduleFor: (runtime: ServiceRuntime) => DynamicModule): Promise<void> {
  const logger = new JsonLogger(service);
  try {
    const config = validateConfig(StandaloneServiceConfig);
    const health = new HealthEndpoint(service);
    if (config.PAYRAIL_HEALTH_PORT) await health.listen(config.PAYRAIL_HEALTH_PORT);
    const broker = createBroker(service, config.KAFKA_BROKERS);
    await broker.connect();
    const app = await startService({ service, broker, module: moduleFor({ broker, databaseUrl: config.DATABASE_URL, env: process.env }) });
    health.markReady();
    const shutdown = async (): Promise<void> => {
      await health.close();
      await app.close();
      await broker.close();
      process.exit(0);
    };
    process.once('SIGTERM', shutdown);
    process.once('SIGINT', shutdown);
  } catch (error) {
    logger.fatal(`${service} failed to start: ${(error as Error).message}`, (error as Error).stack);
    process.exit(1);
  }
}
