export interface RetryOptions {
  /** Retries after the first attempt (default 2; 0 turns retrying off). */
  maxRetries?: number;
  /** The first backoff, doubled on each retry (default 500 ms). */
  initialDelayMs?: number;
  /** No wait is longer, `Retry-After` included (default 20 s). */
  maxDelayMs?: number;
}

export const DEFAULT_RETRIES: Required<RetryOptions> = { maxRetries: 2, initialDelayMs: 500, maxDelayMs: 20_000 };

/** 429 (refused, not run), 409 `idempotency_key_in_use` is not retried here, and 5xx, where the Idempotency-Key makes a retry safe. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number = Date.now()): number | null {
  if (value === null || value.trim() === '') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

/**
 * The wait before retry number `retry` (1 for the first): what the server asked for when it said, else
 * exponential backoff with jitter (between half and all of the doubled delay), so that clients refused
 * together do not come back together.
 */
export function retryDelayMs(retry: number, options: Required<RetryOptions>, retryAfterMs: number | null, random: () => number = Math.random): number {
  if (retryAfterMs !== null) return Math.min(retryAfterMs, options.maxDelayMs);
  const exponential = Math.min(options.initialDelayMs * 2 ** (retry - 1), options.maxDelayMs);
  return exponential / 2 + (random() * exponential) / 2;
}
