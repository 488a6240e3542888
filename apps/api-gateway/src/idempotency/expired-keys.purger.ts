import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { IdempotencyKeysRepository } from './idempotency-keys.repository.js';

const PURGE_INTERVAL_MS = 10 * 60 * 1000;
const BATCH_SIZE = 1000;

/**
 * Deletes idempotency keys past their 24 hours. Expired keys are already free to reuse (a claim takes
 * them over), so this is housekeeping only: every replica may run it, and overlapping passes are harmless.
 */
@Injectable()
export class ExpiredKeysPurger implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ExpiredKeysPurger.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopping = false;

  constructor(private readonly keys: IdempotencyKeysRepository) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.nudge(), PURGE_INTERVAL_MS);
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

  /** Purges everything expired by now; returns how many keys went. */
  async purge(): Promise<number> {
    let purged = 0;
    try {
      while (!this.stopping) {
        const deleted = await this.keys.purgeExpired(BATCH_SIZE);
        purged += deleted;
        if (deleted < BATCH_SIZE) break;
      }
    } catch (error) {
      this.logger.warn(`Purging expired idempotency keys failed: ${(error as Error).message}`);
    }
    return purged;
  }
}
