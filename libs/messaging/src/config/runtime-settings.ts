import type { LogLevel } from '@nestjs/common';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUrl, Max, Min } from 'class-validator';

/** A collector is usually inside the cluster (`http://otel-collector:4318`): no TLD required. */
const OTLP_URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

/** `info` is what most deployment tooling writes; it means Nest's `log`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'log', 'info', 'debug', 'verbose'] as const;
export type LogLevelSetting = (typeof LOG_LEVELS)[number];

/** What every process reads, whatever it runs: how it logs and where its Kafka topics live. */
export class RuntimeSettings {
  @IsOptional() @IsIn(LOG_LEVELS) LOG_LEVEL?: LogLevelSetting;
  /** A prefix for every topic and consumer group, so that several deployments can share one Kafka cluster. */
  @IsOptional() @IsString() KAFKA_NAMESPACE?: string;
  /** An OTLP/HTTP collector (`http://collector:4318`): traces are exported to its `/v1/traces`; tracing is off while neither endpoint is set. */
  @IsOptional() @IsUrl(OTLP_URL_OPTIONS) OTEL_EXPORTER_OTLP_ENDPOINT?: string;
  /** The full traces URL, over OTEL_EXPORTER_OTLP_ENDPOINT. */
  @IsOptional() @IsUrl(OTLP_URL_OPTIONS) OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;
  /** The exported `service.name`; by default the service a process runs (`payrail` for the all-in-one platform). */
  @IsOptional() @IsString() @IsNotEmpty() OTEL_SERVICE_NAME?: string;
}

/** Settings of a process that runs backend services (alone, or all in one). */
export class ServiceRuntimeSettings extends RuntimeSettings {
  /**
   * `off` leaves every event in the outbox, as a process that dies between its commit and the publish
   * would: the crash-recovery tests start a platform this way. Never set it in a deployment.
   */
  @IsOptional() @IsIn(['on', 'off']) PAYRAIL_OUTBOX_RELAY?: 'on' | 'off';
  /**
   * Days a consumer remembers a handled event (its inbox row), 30 by default: it must stay past the longest a
   * redelivery can come, which is Kafka's topic retention (7 days by default).
   */
  @IsOptional() @IsInt() @Min(1) @Max(3650) PAYRAIL_INBOX_RETENTION_DAYS?: number;
}

export function toLogLevel(setting: LogLevelSetting | undefined): LogLevel {
  return setting === undefined || setting === 'info' ? 'log' : setting;
}

/** `@IsUrl` options for a public http(s) address such as PAYRAIL_PUBLIC_URL (`http://localhost:3000` included). */
export const PUBLIC_URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };
