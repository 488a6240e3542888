import 'reflect-metadata';
import { ServiceNames } from '@payrail/contracts';
import { createBroker, JsonLogger, validateConfig } from '@payrail/messaging';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { createEdgeApp } from './http/create-edge-app.js';
import { trustProxySetting } from './http/trust-proxy.js';

class EdgeConfig {
  @IsString() @IsNotEmpty() KAFKA_BROKERS!: string;
  /** The edge's own `gateway` schema: idempotency keys hold across replicas and restarts. */
  @IsString() @IsNotEmpty() DATABASE_URL!: string;
  @IsString() @MinLength(32) PAYRAIL_SECRETS_KEY!: string;
  @IsOptional() @IsInt() @Min(1) @Max(65535) PORT?: number;
  /** Which proxies' X-Forwarded-For to believe (see trustProxySetting); unset: none. */
  @IsOptional() @IsString() PAYRAIL_TRUST_PROXY?: string;
}

const logger = new JsonLogger(ServiceNames.ApiGateway);
try {
  const config = validateConfig(EdgeConfig);
  const trustProxy = trustProxySetting(config.PAYRAIL_TRUST_PROXY);
  const broker = createBroker(ServiceNames.ApiGateway, config.KAFKA_BROKERS);
  await broker.connect();
  const app = await createEdgeApp({ broker, databaseUrl: config.DATABASE_URL, secretsKey: config.PAYRAIL_SECRETS_KEY, trustProxy });
  await app.listen(config.PORT ?? 3000, process.env.HOST ?? '0.0.0.0');
  logger.log(`api-gateway listening on ${await app.getUrl()}`);
  const shutdown = async (): Promise<void> => {
    await app.close();
    await broker.close();
    process.exit(0);
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
} catch (error) {
  logger.fatal(`api-gateway failed to start: ${(error as Error).message}`, (error as Error).stack);
  process.exit(1);
}
