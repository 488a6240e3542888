import { inspect } from 'node:util';
import { Secret, validateConfig } from '@payrail/messaging';
import { IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { parseRetrySchedule } from '../deliveries/retry-schedule.js';

/** The environment webhook-dispatch reads; checked at boot, failing fast without echoing values. */
export class WebhookDispatchEnv {
  /** Seals endpoint signing secrets at rest. */
  @Secret() @IsString() @MinLength(32) PAYRAIL_SECRETS_KEY!: string;
  @IsOptional() @IsString() PAYRAIL_WEBHOOK_RETRY_SCHEDULE_MS?: string;
  /** Retries of the gateway API document's per-payment `webhook_url`: the document's 1, 5 and 15 minutes by default. */
  @IsOptional() @IsString() PAYRAIL_TRANSACTION_WEBHOOK_RETRY_SCHEDULE_MS?: string;
  /**
   * How long a paid transaction's own webhook_url is kept after the payment (default 180 days): refunds and
   * disputes are notified within it, then the hidden endpoint is retired (its delivery logs stay).
   */
  @IsOptional() @IsInt() @Min(1) @Max(10 * 365 * 86_400) PAYRAIL_TRANSACTION_WEBHOOK_RETENTION_SECONDS?: number;
  @IsOptional() @IsInt() @Min(10) @Max(60_000) PAYRAIL_WEBHOOK_POLL_MS?: number;
  @IsOptional() @IsInt() @Min(100) @Max(60_000) PAYRAIL_WEBHOOK_TIMEOUT_MS?: number;
  /** `off` keeps the dispatcher from sending anything (tests that drive it by hand). */
  @IsOptional() @IsIn(['on', 'off']) PAYRAIL_WEBHOOK_DISPATCH?: 'on' | 'off';
  /**
   * `on` lets test-mode endpoints be on loopback and private networks (a developer's own machine);
   * off by default, as a test key must not reach into the network the platform runs in.
   */
  @IsOptional() @IsIn(['on', 'off']) PAYRAIL_WEBHOOK_ALLOW_PRIVATE_NETWORKS?: 'on' | 'off';
  /** An endpoint whose every attempt has failed for this long is disabled (default 3 days). */
  @IsOptional() @IsInt() @Min(1) @Max(30 * 86_400) PAYRAIL_WEBHOOK_DISABLE_AFTER_SECONDS?: number;
  /** Requests in flight at once to one endpoint, per replica: a slow endpoint queues behind its own slots only. */
  @IsOptional() @IsInt() @Min(1) @Max(100) PAYRAIL_WEBHOOK_ENDPOINT_CONCURRENCY?: number;
  /** Requests in flight at once per replica, all endpoints together. */
  @IsOptional() @IsInt() @Min(1) @Max(10_000) PAYRAIL_WEBHOOK_MAX_IN_FLIGHT?: number;
}

/** The gateway API document's: retry after 1, 5 and 15 minutes, then mark failed. */
const TRANSACTION_RETRY_SCHEDULE_MS: readonly number[] = [60_000, 300_000, 900_000];
const TRANSACTION_WEBHOOK_RETENTION_SECONDS = 180 * 86_400;

export class WebhookDispatchConfig {
  constructor(
    readonly secretsKey: string,
    readonly retryScheduleMs: readonly number[],
    readonly pollMs: number,
    readonly requestTimeoutMs: number,
    readonly dispatchEnabled: boolean,
    readonly allowPrivateNetworksInTestMode: boolean,
    readonly disableAfterSeconds: number = 3 * 86_400,
    readonly endpointConcurrency: number = 4,
    readonly maxInFlight: number = 200,
    readonly transactionRetryScheduleMs: readonly number[] = TRANSACTION_RETRY_SCHEDULE_MS,
    readonly transactionWebhookRetentionSeconds: number = TRANSACTION_WEBHOOK_RETENTION_SECONDS,
  ) {}

  toJSON(): Record<string, unknown> {
    const { retryScheduleMs, pollMs, requestTimeoutMs, dispatchEnabled, allowPrivateNetworksInTestMode, disableAfterSeconds, endpointConcurrency, maxInFlight, transactionRetryScheduleMs, transactionWebhookRetentionSeconds } = this;
    return {
      secretsKey: '[REDACTED]',
      retryScheduleMs,
      pollMs,
      requestTimeoutMs,
      dispatchEnabled,
      allowPrivateNetworksInTestMode,
      disableAfterSeconds,
      endpointConcurrency,
      maxInFlight,
      transactionRetryScheduleMs,
      transactionWebhookRetentionSeconds,
    };
  }

  [inspect.custom](): string {
    return `WebhookDispatchConfig ${JSON.stringify(this.toJSON())}`;
  }
}

export const WEBHOOK_DISPATCH_CONFIG = Symbol('WEBHOOK_DISPATCH_CONFIG');

export function loadWebhookDispatchConfig(env: NodeJS.ProcessEnv): WebhookDispatchConfig {
  const validated = validateConfig(WebhookDispatchEnv, env);
  return Object.freeze(
    new WebhookDispatchConfig(
      validated.PAYRAIL_SECRETS_KEY,
      parseRetrySchedule(validated.PAYRAIL_WEBHOOK_RETRY_SCHEDULE_MS),
      validated.PAYRAIL_WEBHOOK_POLL_MS ?? 500,
      validated.PAYRAIL_WEBHOOK_TIMEOUT_MS ?? 10_000,
      validated.PAYRAIL_WEBHOOK_DISPATCH !== 'off',
      validated.PAYRAIL_WEBHOOK_ALLOW_PRIVATE_NETWORKS === 'on',
      validated.PAYRAIL_WEBHOOK_DISABLE_AFTER_SECONDS ?? 3 * 86_400,
      validated.PAYRAIL_WEBHOOK_ENDPOINT_CONCURRENCY ?? 4,
      validated.PAYRAIL_WEBHOOK_MAX_IN_FLIGHT ?? 200,
      validated.PAYRAIL_TRANSACTION_WEBHOOK_RETRY_SCHEDULE_MS === undefined
        ? TRANSACTION_RETRY_SCHEDULE_MS
        : parseRetrySchedule(validated.PAYRAIL_TRANSACTION_WEBHOOK_RETRY_SCHEDULE_MS),
      validated.PAYRAIL_TRANSACTION_WEBHOOK_RETENTION_SECONDS ?? TRANSACTION_WEBHOOK_RETENTION_SECONDS,
    ),
  );
}
