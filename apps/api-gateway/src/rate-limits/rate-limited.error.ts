import { PayrailError } from '@payrail/errors';
import { retryAfterSeconds, type RateLimitDecision } from './rate-limiter.js';

/** The 429: Stripe's `rate_limit_error` envelope; `retry_after` also becomes the Retry-After header. */
export function rateLimitedError(decision: RateLimitDecision): PayrailError {
  const retryAfter = retryAfterSeconds(decision);
  const message =
    decision.name === 'failed_authentication'
      ? `Too many failed authentications from this address. Try again in ${retryAfter} s.`
      : `Too many requests hit the API too quickly (${decision.limit} a minute for ${decision.name.replaceAll('_', ' ')}). Try again in ${retryAfter} s.`;
  return new PayrailError('rate_limited', message, { details: { retry_after: retryAfter } });
}
