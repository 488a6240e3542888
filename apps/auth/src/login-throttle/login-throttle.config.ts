import { validateConfig } from '@payrail/messaging';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { DEFAULT_LOGIN_THROTTLE, LoginThrottlePolicy } from './login-throttle.policy.js';

const DAY_MS = 24 * 3600 * 1000;

/** Optional overrides of the login throttle (see DEFAULT_LOGIN_THROTTLE); times in milliseconds. */
export class LoginThrottleEnv {
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(100) PAYRAIL_LOGIN_FREE_FAILURES?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(DAY_MS) PAYRAIL_LOGIN_BASE_DELAY_MS?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(DAY_MS) PAYRAIL_LOGIN_MAX_DELAY_MS?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) PAYRAIL_LOGIN_LOCK_AFTER_FAILURES?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(DAY_MS) PAYRAIL_LOGIN_LOCK_MS?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(30 * DAY_MS) PAYRAIL_LOGIN_FAILURE_WINDOW_MS?: number;
}

export function loginThrottlePolicyFromEnv(env: NodeJS.ProcessEnv): LoginThrottlePolicy {
  const validated = validateConfig(LoginThrottleEnv, env);
  const defaults = DEFAULT_LOGIN_THROTTLE;
  return new LoginThrottlePolicy({
    freeFailures: validated.PAYRAIL_LOGIN_FREE_FAILURES ?? defaults.freeFailures,
    baseDelayMs: validated.PAYRAIL_LOGIN_BASE_DELAY_MS ?? defaults.baseDelayMs,
    maxDelayMs: validated.PAYRAIL_LOGIN_MAX_DELAY_MS ?? defaults.maxDelayMs,
    lockAfterFailures: validated.PAYRAIL_LOGIN_LOCK_AFTER_FAILURES ?? defaults.lockAfterFailures,
    lockMs: validated.PAYRAIL_LOGIN_LOCK_MS ?? defaults.lockMs,
    failureWindowMs: validated.PAYRAIL_LOGIN_FAILURE_WINDOW_MS ?? defaults.failureWindowMs,
  });
}
