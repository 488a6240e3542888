import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ServiceMetrics } from '@payrail/messaging';
import { WEBHOOK_DISPATCH_CONFIG, type WebhookDispatchConfig } from '../config/webhook-dispatch.config.js';
import { DeliveriesRepository } from './deliveries.repository.js';
import { DeliveriesService, type PreparedDelivery } from './deliveries.service.js';

/** Beyond the request timeout, time to record the outcome before another replica may take the delivery. */
const LEASE_MARGIN_SECONDS = 30;

/**
 * Polls for due deliveries and sends them, like the outbox relay; leases keep replicas apart. Each
 * endpoint has its own few slots (PAYRAIL_WEBHOOK_ENDPOINT_CONCURRENCY) and a delivery is claimed as
 * soon as a slot frees, never after a whole batch: an endpoint that never answers holds its own slots
 * until the timeout and delays no other endpoint. Stopping aborts requests in flight and gives their
 * leases back.
 */
@Injectable()
export class DeliveryDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryDispatcher.name);
  private readonly stopping = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  /** Attempts in flight in this process, by delivery id, and how many per endpoint. */
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly inFlightByEndpoint = new Map<string, number>();
  /** Drain loops waiting for a slot to free or for new deliveries; `nudged` keeps a wake-up that came between two waits. */
  private readonly sleepers = new Set<() => void>();
  private nudged = false;
  private stopSampling: (() => void) | undefined;

  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly service: DeliveriesService,
    @Inject(WEBHOOK_DISPATCH_CONFIG) private readonly config: WebhookDispatchConfig,
    private readonly metrics: ServiceMetrics,
  ) {}

  onApplicationBootstrap(): void {
    this.stopSampling = this.metrics.sample('payrail_webhook_pending_deliveries', () => this.deliveries.countPending());
    if (!this.config.dispatchEnabled) return;
    this.timer = setInterval(() => this.nudge(), this.config.pollMs);
    this.nudge();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopSampling?.();
    clearInterval(this.timer);
    this.timer = undefined;
    this.stopping.abort();
    this.wake();
    await this.draining;
    await Promise.allSettled([...this.inFlight.values()]);
  }

  /** Asks for a pass soon (new deliveries were just recorded); a no-op when dispatch is off or stopping. */
  nudge(): void {
    if (this.timer === undefined || this.stopping.signal.aborted) return;
    if (this.draining) return this.wake();
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
    });
  }

  /**
   * Sends everything due now, starting each delivery as soon as its endpoint has a free slot; resolves
   * when nothing is due and nothing is in flight. Safe to call by hand when dispatch is off.
   */
  async drain(): Promise<void> {
    const leaseSeconds = Math.ceil(this.config.requestTimeoutMs / 1000) + LEASE_MARGIN_SECONDS;
    try {
      while (!this.stopping.signal.aborted) {
        this.nudged = false;
        const room = this.config.maxInFlight - this.inFlight.size;
        const claimed =
          room > 0
            ? await this.deliveries.claimDue(room, leaseSeconds, randomUUID(), this.config.endpointConcurrency, Object.fromEntries(this.inFlightByEndpoint))
            : [];
        for (const prepared of await this.service.prepare(claimed)) this.start(prepared);
        if (claimed.length > 0) continue;
        if (this.inFlight.size === 0) return;
        await this.nextChange();
      }
    } catch (error) {
      this.logger.warn(`Webhook dispatch pass failed: ${(error as Error).message}`);
    }
    await Promise.allSettled([...this.inFlight.values()]);
  }

  private start(prepared: PreparedDelivery): void {
    const { delivery } = prepared;
    this.inFlightByEndpoint.set(delivery.endpointId, (this.inFlightByEndpoint.get(delivery.endpointId) ?? 0) + 1);
    const attempt = this.service
      .attempt(prepared, this.stopping.signal)
      // The lease runs out and a later pass tries again.
      .catch((error: unknown) => this.logger.warn(`Webhook delivery failed unexpectedly: ${(error as Error)?.message}`))
      .finally(() => {
        this.inFlight.delete(delivery.id);
        const left = (this.inFlightByEndpoint.get(delivery.endpointId) ?? 1) - 1;
        if (left > 0) this.inFlightByEndpoint.set(delivery.endpointId, left);
        else this.inFlightByEndpoint.delete(delivery.endpointId);
        this.wake();
      });
    this.inFlight.set(delivery.id, attempt);
  }

  /** Until an attempt finishes, someone nudges, or a poll interval passes (a retry may have come due). */
  private nextChange(): Promise<void> {
    if (this.nudged || this.stopping.signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timeout);
        this.sleepers.delete(done);
        resolve();
      };
      const timeout = setTimeout(done, this.config.pollMs);
      this.sleepers.add(done);
    });
  }

  private wake(): void {
    this.nudged = true;
    for (const sleeper of [...this.sleepers]) sleeper();
  }
}
