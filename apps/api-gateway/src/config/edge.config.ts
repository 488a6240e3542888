import { PUBLIC_URL_OPTIONS, Secret, validateConfig } from '@payrail/messaging';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';
import { trustProxySetting, type TrustProxySetting } from '../http/trust-proxy.js';
import { DEFAULT_LEASE_SECONDS } from '../idempotency/idempotency.service.js';
import { DEFAULT_REVOCATION_POLL_MS, STALE_AFTER_MS } from '../oauth/revoked-access-tokens.js';
import { DEFAULT_STREAM_LIMITS, type StreamLimits } from '../streams/stream-connection.js';
import { parseRateLimitOverrides, type RateLimitOverride } from '../rate-limits/rate-limit-policy.js';
import { DEFAULT_REQUEST_LOG_RETENTION_DAYS } from '../request-logs/old-request-logs.purger.js';

/** What the edge reads wherever it runs (alone, or in the all-in-one platform); checked at boot. */
export class EdgeEnv {
  /** Seals what the edge stores that may carry secrets (idempotent responses). */
  @Secret() @IsString() @MinLength(32) PAYRAIL_SECRETS_KEY!: string;
  /** Where customers reach the edge, behind a proxy or load balancer; else the host a request came in on. */
  @IsOptional() @IsUrl(PUBLIC_URL_OPTIONS) PAYRAIL_PUBLIC_URL?: string;
  /** The OAuth issuer identifier; else the public URL. */
  @IsOptional() @IsUrl(PUBLIC_URL_OPTIONS) PAYRAIL_OAUTH_ISSUER?: string;
  /** At most a third of the staleness limit, so that one lost poll refuses nothing. */
  @IsOptional() @IsInt() @Min(50) @Max(STALE_AFTER_MS / 3) PAYRAIL_REVOCATION_POLL_MS?: number;
  /** How long a request holds its idempotency key before a retry may take it over (its holder crashed). */
  @IsOptional() @IsInt() @Min(1) @Max(3600) PAYRAIL_IDEMPOTENCY_LEASE_SECONDS?: number;
  /** Which proxies' X-Forwarded-For gives the caller's address (see trustProxySetting); unset: none. */
  @IsOptional() @IsString() PAYRAIL_TRUST_PROXY?: string;
  /** How often the live streams ping their clients; a client that misses a ping is dropped. */
  @IsOptional() @IsInt() @Min(100) @Max(300_000) PAYRAIL_STREAM_HEARTBEAT_MS?: number;
  /** Bytes a live-stream client may leave unread before it is dropped (it resumes from its last event). */
  @IsOptional() @IsInt() @Min(1024) @Max(64 * 1024 * 1024) PAYRAIL_STREAM_MAX_BUFFERED_BYTES?: number;
  /** Redis for rate-limit buckets shared by every edge replica; unset: each process counts alone, in memory. */
  @Secret() @IsOptional() @Matches(/^rediss?:\/\//) PAYRAIL_REDIS_URL?: string;
  /** Limits per minute beside the built-in table: `[merchant/]class=perMinute,…` (see parseRateLimitOverrides). */
  @IsOptional() @IsString() PAYRAIL_RATE_LIMITS?: string;
  /** Days a request log is kept before the purger deletes it. */
  @IsOptional() @IsInt() @Min(1) @Max(3650) PAYRAIL_REQUEST_LOG_RETENTION_DAYS?: number;
  /** `on`: `GET /metrics` on the edge's own (public) port; off by default, since that port faces the internet. */
  @IsOptional() @IsIn(['on', 'off']) PAYRAIL_EDGE_METRICS?: 'on' | 'off';
}

export interface EdgeSettings {
  secretsKey: string;
  publicUrl?: string;
  oauthIssuer?: string;
  revocationPollMs: number;
  idempotencyLeaseSeconds: number;
  trustProxy: TrustProxySetting;
  streamLimits: StreamLimits;
  redisUrl?: string;
  rateLimits: RateLimitOverride[];
  requestLogRetentionDays: number;
  /** Whether the edge serves `GET /metrics` (PAYRAIL_EDGE_METRICS=on). */
  metricsEndpoint: boolean;
}

export function loadEdgeSettings(env: NodeJS.ProcessEnv): EdgeSettings {
  return edgeSettingsFrom(validateConfig(EdgeEnv, env));
}

export function edgeSettingsFrom(validated: EdgeEnv): EdgeSettings {
  return {
    secretsKey: validated.PAYRAIL_SECRETS_KEY,
    publicUrl: validated.PAYRAIL_PUBLIC_URL,
    oauthIssuer: validated.PAYRAIL_OAUTH_ISSUER,
    revocationPollMs: validated.PAYRAIL_REVOCATION_POLL_MS ?? DEFAULT_REVOCATION_POLL_MS,
    idempotencyLeaseSeconds: validated.PAYRAIL_IDEMPOTENCY_LEASE_SECONDS ?? DEFAULT_LEASE_SECONDS,
    trustProxy: trustProxySetting(validated.PAYRAIL_TRUST_PROXY),
    streamLimits: {
      heartbeatMs: validated.PAYRAIL_STREAM_HEARTBEAT_MS ?? DEFAULT_STREAM_LIMITS.heartbeatMs,
      maxBufferedBytes: validated.PAYRAIL_STREAM_MAX_BUFFERED_BYTES ?? DEFAULT_STREAM_LIMITS.maxBufferedBytes,
    },
    redisUrl: validated.PAYRAIL_REDIS_URL,
    rateLimits: parseRateLimitOverrides(validated.PAYRAIL_RATE_LIMITS),
    requestLogRetentionDays: validated.PAYRAIL_REQUEST_LOG_RETENTION_DAYS ?? DEFAULT_REQUEST_LOG_RETENTION_DAYS,
    metricsEndpoint: validated.PAYRAIL_EDGE_METRICS === 'on',
  };
}
