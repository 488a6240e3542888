import { validateConfig } from '@payrail/messaging';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import {
  DEFAULT_LOGIN_THROTTLE,
  DEFAULT_SOURCE_FREE_FAILURES,
  DEFAULT_USERNAME_FREE_FAILURES,
  LoginThrottlePolicies,
  LoginThrottlePolicy,
  type LoginThrottleSettings,
} from './login-throttle.policy.js';

const DAY_MS = 24 * 3600 * 1000;

/**
 * Optional overrides of the login throttle (see LoginThrottlePolicies); times in milliseconds. The
 * unprefixed settings are the per-(username or client, source) counter's; the delays and the window
 * apply to the per-source and per-username counters too.
 */
export class LoginThrottleEnv {
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(100) PAYRAIL_LOGIN_FREE_FAILURES?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(DAY_MS) PAYRAIL_LOGIN_BASE_DELAY_MS?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(DAY_MS) PAYRAIL_LOGIN_MAX_DELAY_MS?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) PAYRAIL_LOGIN_LOCK_AFTER_FAILURES?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(DAY_MS) PAYRAIL_LOGIN_LOCK_MS?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(30 * DAY_MS) PAYRAIL_LOGIN_FAILURE_WINDOW_MS?: number;
  /** Failures from one source address (any username or client) before it is slowed down. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(100_000) PAYRAIL_LOGIN_SOURCE_FREE_FAILURES?: number;
  /** Failures for one username from all sources together before every attempt at it is slowed down. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(100_000) PAYRAIL_LOGIN_USERNAME_FREE_FAILURES?: number;
}

export function loginThrottlePoliciesFromEnv(env: NodeJS.ProcessEnv): LoginThrottlePolicies {
  const validated = validateConfig(LoginThrottleEnv, env);
  const defaults = DEFAULT_LOGIN_THROTTLE;
  const fromSource: LoginThrottleSettings = {
    freeFailures: validated.PAYRAIL_LOGIN_FREE_FAILURES ?? defaults.freeFailures,
    baseDelayMs: validated.PAYRAIL_LOGIN_BASE_DELAY_MS ?? defaults.baseDelayMs,
    maxDelayMs: validated.PAYRAIL_LOGIN_MAX_DELAY_MS ?? defaults.maxDelayMs,
    lockAfterFailures: validated.PAYRAIL_LOGIN_LOCK_AFTER_FAILURES ?? defaults.lockAfterFailures,
    lockMs: validated.PAYRAIL_LOGIN_LOCK_MS ?? defaults.lockMs,
    failureWindowMs: validated.PAYRAIL_LOGIN_FAILURE_WINDOW_MS ?? defaults.failureWindowMs,
  };
  const neverLocked = (freeFailures: number) => new LoginThrottlePolicy({ ...fromSource, freeFailures, lockAfterFailures: null });
  return new LoginThrottlePolicies(
    new LoginThrottlePolicy(fromSource),
    neverLocked(validated.PAYRAIL_LOGIN_SOURCE_FREE_FAILURES ?? DEFAULT_SOURCE_FREE_FAILURES),
    neverLocked(validated.PAYRAIL_LOGIN_USERNAME_FREE_FAILURES ?? DEFAULT_USERNAME_FREE_FAILURES),
  );
}
