import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { BucketStore, failedOpen, REFILL_WINDOW_MS, type BucketAnswer } from './token-bucket.js';

/**
 * takeFromBucket (token-bucket.ts) as one atomic script, on Redis's clock so that replicas' clocks do
 * not matter. Returns allowed (0/1), whole tokens left, ms until the next token, ms until full.
 */
const TAKE_SCRIPT = `
local limit = tonumber(ARGV[1])
local cost = tonumber(ARGV[2])
local window = tonumber(ARGV[3])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local rate = limit / window
local state = redis.call('HMGET', KEYS[1], 'tokens', 'updated')
local tokens = limit
if state[1] then
  tokens = math.min(limit, tonumber(state[1]) + math.max(0, now - tonumber(state[2])) * rate)
end
local allowed = 0
if tokens >= math.max(cost, 1) then
  allowed = 1
  tokens = tokens - cost
end
if cost > 0 or state[1] then
  redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'updated', tostring(now))
  redis.call('PEXPIRE', KEYS[1], window)
end
local retry = 0
if tokens < 1 then retry = math.ceil((1 - tokens) / rate) end
return { allowed, math.floor(tokens), retry, math.ceil((limit - tokens) / rate) }
`;

/** How long a request waits for Redis before it is let through unlimited. */
const COMMAND_TIMEOUT_MS = 500;
/** At most one warning this often while Redis stays unreachable. */
const WARNING_INTERVAL_MS = 10_000;

type TakeCommand = (key: string, limit: number, cost: number, window: number) => Promise<[number, number, number, number]>;

/**
 * Buckets in Redis, shared by every edge replica. Fails open: when Redis cannot answer (down, slow,
 * unreachable) the request goes through and a warning is logged, since refusing every request would make
 * a cache outage an API outage. While the connection is down nothing waits for it to come back, and no
 * command waits longer than COMMAND_TIMEOUT_MS.
 */
export class RedisBucketStore extends BucketStore {
  private readonly redis: Redis;
  private lastWarningAt = 0;

  constructor(
    url: string,
    private readonly logger: Pick<Logger, 'warn'> = new Logger('RateLimits'),
  ) {
    super();
    this.redis = new Redis(url, {
      // Queued only while the first connection is being made (take() skips Redis once it is known down).
      enableOfflineQueue: true,
      maxRetriesPerRequest: 0,
      commandTimeout: COMMAND_TIMEOUT_MS,
      connectTimeout: 2_000,
      disconnectTimeout: 200,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    });
    this.redis.defineCommand('payrailTakeToken', { numberOfKeys: 1, lua: TAKE_SCRIPT });
    this.redis.on('error', (error: Error) => this.warn(error));
  }

  async take(key: string, limit: number, cost: number): Promise<BucketAnswer> {
    if (!['wait', 'connecting', 'connect', 'ready'].includes(this.redis.status)) {
      this.warn(new Error(`connection ${this.redis.status}`));
      return failedOpen(limit);
    }
    try {
      const take = (this.redis as unknown as { payrailTakeToken: TakeCommand }).payrailTakeToken.bind(this.redis);
      const [allowed, remaining, retryAfterMs, resetMs] = await take(key, limit, cost, REFILL_WINDOW_MS);
      return { allowed: allowed === 1, limit, remaining, retryAfterMs, resetMs };
    } catch (error) {
      this.warn(error as Error);
      return failedOpen(limit);
    }
  }

  override async close(): Promise<void> {
    this.redis.disconnect();
    return Promise.resolve();
  }

  private warn(error: Error): void {
    const now = Date.now();
    if (now - this.lastWarningAt < WARNING_INTERVAL_MS) return;
    this.lastWarningAt = now;
    this.logger.warn(`Rate limits are not enforced: Redis did not answer (${error.message}). Requests are let through until it does.`);
  }
}
