import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';

const BATCH_SIZE = 1000;

/**
 * Deletes expired rows in batches, now and then on an interval. For rows that are already ignored once
 * expired (idempotency keys, nonces): the purge is housekeeping only, so every replica may run it and
 * overlapping passes are harmless.
 */
export abstract class PeriodicPurger implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopping = false;

  protected constructor(
    private readonly what: string,
    private readonly intervalMs: number,
  ) {
    this.logger = new Logger(`Purger(${what})`);
  }

  /** Deletes up to `limit` expired rows; returns how many went. */
  protected abstract purgeBatch(limit: number): Promise<number>;

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.nudge(), this.intervalMs);
    this.timer.unref();
    this.nudge();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await this.running;
  }

  private nudge(): void {
    if (this.running || this.stopping) return;
    this.running = this.purge().finally(() => {
      this.running = undefined;
    });
  }

  /** Purges everything expired by now; returns how many rows went. */
  async purge(): Promise<number> {
    let purged = 0;
    try {
      while (!this.stopping) {
        const deleted = await this.purgeBatch(BATCH_SIZE);
        purged += deleted;
        if (deleted < BATCH_SIZE) break;
      }
    } catch (error) {
      this.logger.warn(`Purging expired ${this.what} failed: ${(error as Error).message}`);
    }
    return purged;
  }
}
