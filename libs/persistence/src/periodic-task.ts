import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';

/**
 * Work a service does now and then on its own (purges, sweeps): started with the application, one
 * pass at a time, the pass in progress awaited at shutdown. Every replica runs it, so a pass must be
 * safe to overlap with another replica's.
 */
export abstract class PeriodicTask implements OnApplicationBootstrap, OnApplicationShutdown {
  protected readonly logger: Logger;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopping = false;

  protected constructor(
    name: string,
    private readonly intervalMs: number,
  ) {
    this.logger = new Logger(name);
  }

  /** One pass; it should stop early once `stopped` is true. */
  protected abstract runOnce(): Promise<unknown>;

  protected get stopped(): boolean {
    return this.stopping;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.nudge(), this.intervalMs);
    this.timer.unref();
    this.nudge();
  }

  /** Resolves once the pass in progress, if any, has ended (the one started at boot, for instance). */
  async idle(): Promise<void> {
    await this.running;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await this.running;
  }

  private nudge(): void {
    if (this.running || this.stopping) return;
    this.running = this.runOnce()
      .catch((error: unknown) => this.logger.warn(`A pass failed: ${(error as Error).message}`))
      .finally(() => {
        this.running = undefined;
      });
  }
}
