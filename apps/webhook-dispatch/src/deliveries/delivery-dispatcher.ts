import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { WEBHOOK_DISPATCH_CONFIG, type WebhookDispatchConfig } from '../config/webhook-dispatch.config.js';
import { DeliveriesRepository } from './deliveries.repository.js';
import { DeliveriesService } from './deliveries.service.js';

/** Deliveries sent concurrently per pass; one slow endpoint holds up at most its own slot. */
const BATCH_SIZE = 10;
/** Beyond the request timeout, time to record the outcome before another replica may take the delivery. */
const LEASE_MARGIN_SECONDS = 30;

/**
 * Polls for due deliveries and sends them, like the outbox relay: passes never overlap within a
 * process, and leases keep replicas apart. Stopping aborts requests in flight and gives their leases back.
 */
@Injectable()
export class DeliveryDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryDispatcher.name);
  private readonly stopping = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private drainAgain = false;

  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly service: DeliveriesService,
    @Inject(WEBHOOK_DISPATCH_CONFIG) private readonly config: WebhookDispatchConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.dispatchEnabled) return;
    this.timer = setInterval(() => this.nudge(), this.config.pollMs);
    this.nudge();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.stopping.abort();
    await this.draining;
  }

  /** Asks for a pass soon (new deliveries were just recorded); a no-op when dispatch is off or stopping. */
  nudge(): void {
    if (this.timer === undefined || this.stopping.signal.aborted) return;
    if (this.draining) {
      this.drainAgain = true;
      return;
    }
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
      if (this.drainAgain) {
        this.drainAgain = false;
        this.nudge();
      }
    });
  }

  /** Sends everything due now; resolves when nothing is due. Safe to call by hand when dispatch is off. */
  async drain(): Promise<void> {
    const leaseSeconds = Math.ceil(this.config.requestTimeoutMs / 1000) + LEASE_MARGIN_SECONDS;
    try {
      while (!this.stopping.signal.aborted) {
        const claimed = await this.deliveries.claimDue(BATCH_SIZE, leaseSeconds, randomUUID());
        if (claimed.length === 0) return;
        const results = await Promise.allSettled(claimed.map((delivery) => this.service.attempt(delivery, this.stopping.signal)));
        for (const result of results) {
          // The lease runs out and a later pass tries again.
          if (result.status === 'rejected') this.logger.warn(`Webhook delivery failed unexpectedly: ${(result.reason as Error)?.message}`);
        }
      }
    } catch (error) {
      this.logger.warn(`Webhook dispatch pass failed: ${(error as Error).message}`);
    }
  }
}
