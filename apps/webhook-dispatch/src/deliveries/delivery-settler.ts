import { Inject, Injectable, Logger } from '@nestjs/common';
import { TransactionalOutbox, type UnitOfWork } from '@payrail/messaging';
import { WEBHOOK_DISPATCH_CONFIG, type WebhookDispatchConfig } from '../config/webhook-dispatch.config.js';
import { EventsRepository } from '../events/events.repository.js';
import { EventsService } from '../events/events.service.js';
import type { WebhookEndpointEntity } from '../webhook-endpoints/webhook-endpoint.entity.js';
import { toWebhookEndpointResource } from '../webhook-endpoints/webhook-endpoint.mapper.js';
import { WebhookEndpointsRepository } from '../webhook-endpoints/webhook-endpoints.repository.js';
import { DeliveriesRepository, type AttemptRecord, type ClaimedDelivery, type DeliveryChange } from './deliveries.repository.js';

/** How long outcomes are collected before they are recorded together, and how many at most. */
const BATCH_WAIT_MS = 2;
const MAX_BATCH = 100;

/** An attempt's outcome (or the endpoint going away) to record for a claimed delivery. */
export interface Settlement {
  delivery: ClaimedDelivery;
  change: DeliveryChange;
  attempt: AttemptRecord | null;
  endpoint: WebhookEndpointEntity | null;
}

interface Waiting {
  settlement: Settlement;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Records outcomes in batches: those that arrive within a few ms (or while the previous batch is being
 * written) share one transaction with one statement per table, instead of a transaction each. Every
 * guarantee of a single settle holds per delivery: a lost lease writes nothing for it, failure streaks,
 * auto-disabling and its `webhook_endpoint.disabled` notice. Should a batch fail (a deadlock with
 * another replica, say), its outcomes are recorded one transaction each.
 */
@Injectable()
export class DeliverySettler {
  private readonly logger = new Logger(DeliverySettler.name);
  private queue: Waiting[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing = false;

  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly events: EventsRepository,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly eventsService: EventsService,
    private readonly outbox: TransactionalOutbox,
    @Inject(WEBHOOK_DISPATCH_CONFIG) private readonly config: WebhookDispatchConfig,
  ) {}

  /** Resolves once the outcome is committed (or found to belong to a lease lost meanwhile). */
  settle(settlement: Settlement): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ settlement, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.writing || this.timer !== undefined || this.queue.length === 0) return;
    this.timer = setTimeout(() => void this.writeNext(), this.queue.length >= MAX_BATCH ? 0 : BATCH_WAIT_MS);
  }

  private async writeNext(): Promise<void> {
    this.timer = undefined;
    this.writing = true;
    const batch = this.queue.splice(0, MAX_BATCH);
    try {
      await this.writeBatch(batch.map((waiting) => waiting.settlement));
      for (const waiting of batch) waiting.resolve();
    } catch (error) {
      if (batch.length === 1) batch[0].reject(error);
      else {
        this.logger.warn(`Recording ${batch.length} webhook outcomes together failed (${(error as Error).message}); recording them one by one`);
        for (const waiting of batch) await this.writeBatch([waiting.settlement]).then(waiting.resolve, waiting.reject);
      }
    } finally {
      this.writing = false;
      this.schedule();
    }
  }

  private async writeBatch(batch: readonly Settlement[]): Promise<void> {
    const lost = await this.outbox.run(async (unit) => {
      const { manager } = unit;
      // Endpoint rows before delivery rows: disabling an endpoint cancels all its pending deliveries, so a
      // settle that took its deliveries first and then waited for the endpoint could deadlock with it.
      const streaks = batch.filter(changesStreak);
      await this.endpoints.lockForOutcomes(manager, [...new Set(streaks.map(({ endpoint }) => endpoint.id))]);
      const statuses = await this.deliveries.applyAll(manager, batch);
      const applied = batch.filter(({ delivery }) => statuses.has(delivery.id));
      await this.deliveries.recordAttempts(manager, applied.flatMap(({ attempt }) => (attempt ? [attempt] : [])));
      // Still pending: a retry, or a resend that came while the attempt was in flight.
      await this.events.settleWebhooks(manager, applied.filter(({ delivery }) => statuses.get(delivery.id) !== 'pending').map(({ delivery }) => delivery.eventId));
      for (const settlement of applied.filter(changesStreak)) {
        if (await this.endpoints.recordOutcome(manager, settlement.endpoint.id, settlement.attempt.succeeded, this.config.disableAfterSeconds)) {
          await this.disabledAfterFailures(unit, settlement.endpoint);
        }
      }
      return batch.filter(({ delivery }) => !statuses.has(delivery.id));
    });
    for (const { delivery } of lost) this.logger.warn(`Webhook delivery ${delivery.id}: lease lost before the outcome was recorded`);
  }

  /**
   * The endpoint has failed every attempt for the disabling period and was just disabled: what it is
   * still owed is canceled, and the merchant's other endpoints hear of it.
   */
  private async disabledAfterFailures(unit: UnitOfWork, endpoint: WebhookEndpointEntity): Promise<void> {
    const { manager } = unit;
    this.logger.warn(`Webhook endpoint ${endpoint.id} disabled: every attempt failed for ${this.config.disableAfterSeconds} s`);
    await this.events.settleWebhooks(manager, await this.deliveries.cancelPendingFor(manager, endpoint.id));
    const notice = toWebhookEndpointResource({ ...endpoint, status: 'disabled' });
    await this.eventsService.recordOwn(unit, { merchantId: endpoint.merchantId, livemode: endpoint.livemode }, 'webhook_endpoint.disabled', { ...notice });
  }
}

/** A failure starts or extends the endpoint's streak; a success ends one (when it had none, nothing is written). */
function changesStreak(settlement: Settlement): settlement is Settlement & { attempt: AttemptRecord; endpoint: WebhookEndpointEntity } {
  const { attempt, endpoint } = settlement;
  return attempt !== null && endpoint !== null && (!attempt.succeeded || endpoint.failingSince !== null);
}
