import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

export class PlatformConfig {
  @IsOptional() @IsInt() @Min(0) @Max(65535) PORT?: number;
  @IsOptional() @IsString() HOST?: string;
  /** Which proxies' X-Forwarded-For the edge believes (see trustProxySetting); unset: none. */
  @IsOptional() @IsString() PAYRAIL_TRUST_PROXY?: string;
  @IsOptional() @IsString() PAYRAIL_DATA_DIR?: string;
  /** Real Postgres; without it PGlite runs in-process. */
  @IsOptional() @IsString() DATABASE_URL?: string;
  /** Real Kafka; without it the in-process transport carries the messages. */
  @IsOptional() @IsString() KAFKA_BROKERS?: string;
  /** Where the embedded Postgres listens on loopback (0: any free port). */
  @IsOptional() @IsInt() @Min(0) @Max(65535) PAYRAIL_EMBEDDED_PG_PORT?: number;
  /**
   * Edge instances to run (default 1), each its own Nest app with its own caches and connection pool, on
   * PORT, PORT+1, …: replicas behind a load balancer, on one machine, to see that what must be shared
   * between them (request nonces, idempotency keys, revocations) is.
   */
  @IsOptional() @IsInt() @Min(1) @Max(8) PAYRAIL_EDGE_REPLICAS?: number;
}
