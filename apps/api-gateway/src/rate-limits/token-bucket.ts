/** Every bucket refills its whole capacity (the limit per minute) over this long, continuously. */
export const REFILL_WINDOW_MS = 60_000;

/** What a bucket says after a take (or a peek): enough for the RateLimit-* headers and a Retry-After. */
export interface BucketAnswer {
  allowed: boolean;
  limit: number;
  /** Whole tokens left. */
  remaining: number;
  /** Until the next whole token (0 when one is there). */
  retryAfterMs: number;
  /** Until the bucket is full again. */
  resetMs: number;
}

export interface BucketState {
  tokens: number;
  updatedMs: number;
}

/**
 * One token-bucket step: refill for the time since `state` (a new bucket starts full), then take `cost`
 * tokens if there are that many. A cost of 0 is a peek: allowed when one token is there, nothing taken.
 * The Redis store's Lua script is this function, line for line.
 */
export function takeFromBucket(state: BucketState | undefined, limit: number, cost: number, nowMs: number): { state: BucketState; answer: BucketAnswer } {
  const rate = limit / REFILL_WINDOW_MS;
  let tokens = state ? Math.min(limit, state.tokens + Math.max(0, nowMs - state.updatedMs) * rate) : limit;
  const allowed = tokens >= Math.max(cost, 1);
  if (allowed) tokens -= cost;
  const answer: BucketAnswer = {
    allowed,
    limit,
    remaining: Math.floor(tokens),
    retryAfterMs: tokens >= 1 ? 0 : Math.ceil((1 - tokens) / rate),
    resetMs: Math.ceil((limit - tokens) / rate),
  };
  return { state: { tokens, updatedMs: nowMs }, answer };
}

/** Where buckets live: this process's memory, or Redis, shared by every edge replica. */
export abstract class BucketStore {
  /** Takes `cost` tokens (0: a peek) from the bucket `key` holding at most `limit`. */
  abstract take(key: string, limit: number, cost: number): Promise<BucketAnswer>;
  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** The answer when the store cannot be asked: let the request through, and say nothing is known to be spent. */
export function failedOpen(limit: number): BucketAnswer {
  return { allowed: true, limit, remaining: limit, retryAfterMs: 0, resetMs: 0 };
}
