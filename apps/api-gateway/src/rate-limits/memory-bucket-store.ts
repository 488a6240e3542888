import { BucketStore, REFILL_WINDOW_MS, takeFromBucket, type BucketAnswer, type BucketState } from './token-bucket.js';

/** Buckets in this process: the embedded runtime's store (one edge), or any edge without PAYRAIL_REDIS_URL. */
export class MemoryBucketStore extends BucketStore {
  private readonly buckets = new Map<string, BucketState>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    super();
    // A bucket untouched for a whole window is full again: forgetting it changes nothing.
    this.sweeper = setInterval(() => this.sweep(), REFILL_WINDOW_MS);
    this.sweeper.unref();
  }

  take(key: string, limit: number, cost: number): Promise<BucketAnswer> {
    const { state, answer } = takeFromBucket(this.buckets.get(key), limit, cost, this.now());
    if (cost > 0 || this.buckets.has(key)) this.buckets.set(key, state);
    return Promise.resolve(answer);
  }

  override close(): Promise<void> {
    clearInterval(this.sweeper);
    return Promise.resolve();
  }

  private sweep(): void {
    const stale = this.now() - REFILL_WINDOW_MS;
    for (const [key, state] of this.buckets) if (state.updatedMs < stale) this.buckets.delete(key);
  }
}
