import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

export class PlatformConfig {
  @IsOptional() @IsInt() @Min(0) @Max(65535) PORT?: number;
  @IsOptional() @IsString() HOST?: string;
  @IsOptional() @IsString() PAYRAIL_DATA_DIR?: string;
  /** Real Postgres; without it PGlite runs in-process. */
  @IsOptional() @IsString() DATABASE_URL?: string;
  /** Real Kafka; without it the in-process transport carries the messages. */
  @IsOptional() @IsString() KAFKA_BROKERS?: string;
  /** Where the embedded Postgres listens on loopback (0: any free port). */
  @IsOptional() @IsInt() @Min(0) @Max(65535) PAYRAIL_EMBEDDED_PG_PORT?: number;
}
