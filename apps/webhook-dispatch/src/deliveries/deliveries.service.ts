import { Inject, Injectable, Logger } from '@nestjs/common';
import { ServiceMetrics, TransactionalOutbox, type UnitOfWork } from '@payrail/messaging';
import { signingSecrets } from '@payrail/signing';
import { WEBHOOK_DISPATCH_CONFIG, type WebhookDispatchConfig } from '../config/webhook-dispatch.config.js';
import { toEventResource } from '../events/event.mapper.js';
import { EventsRepository } from '../events/events.repository.js';
import { EventsService } from '../events/events.service.js';
import { endpointSecretBox } from '../webhook-endpoints/endpoint-secret-box.js';
import type { TransactionTarget, WebhookEndpointEntity } from '../webhook-endpoints/webhook-endpoint.entity.js';
import { toWebhookEndpointResource } from '../webhook-endpoints/webhook-endpoint.mapper.js';
import { WebhookEndpointsRepository } from '../webhook-endpoints/webhook-endpoints.repository.js';
import { DeliveriesRepository, type AttemptRecord, type ClaimedDelivery, type DeliveryChange } from './deliveries.repository.js';
import { endpointRetryScheduleMs, nextRetryDelay } from './retry-schedule.js';
import { TransactionNotifications } from './transaction-notification.js';
import { buildWebhookRequest, type WebhookRequest } from './webhook-request.js';
import { WebhookSender, type SendOutcome } from './webhook-sender.js';

/** Makes one attempt at a claimed delivery and records how it went. */
@Injectable()
export class DeliveriesService {
  private readonly logger = new Logger(DeliveriesService.name);

  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly events: EventsRepository,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly eventsService: EventsService,
    private readonly sender: WebhookSender,
    private readonly outbox: TransactionalOutbox,
    private readonly notifications: TransactionNotifications,
    @Inject(WEBHOOK_DISPATCH_CONFIG) private readonly config: WebhookDispatchConfig,
    private readonly metrics: ServiceMetrics,
  ) {}

  async attempt(delivery: ClaimedDelivery, stopping: AbortSignal): Promise<void> {
    const [endpoint, event] = await Promise.all([this.endpoints.findById(delivery.endpointId), this.events.findById(delivery.eventId)]);
    if (!endpoint || !event || endpoint.deletedAt !== null || endpoint.status !== 'enabled') {
      this.metrics.webhookDelivery('canceled', null);
      await this.settle(delivery, { kind: 'canceled' }, null, endpoint);
      return;
    }
    let outcome!: SendOutcome;
    let request: WebhookRequest | null = null;
    try {
      request = await this.requestFor(endpoint, toEventResource(event));
    } catch (error) {
      // PAYRAIL_SECRETS_KEY is not the key the secret was sealed with, or no signing key is left to sign a transaction's notification.
      const cause = endpoint.transaction ? `The notification could not be signed: ${(error as Error).message}` : 'The signing secret could not be opened';
      outcome = { succeeded: false, statusCode: null, durationMs: 0, error: cause, responseBody: null };
    }
    if (request) outcome = await this.sender.send(endpoint.url, request, { livemode: endpoint.livemode, signal: stopping });
    if (stopping.aborted && !outcome.succeeded) {
      await this.deliveries.release(delivery);
      return;
    }
    const attempt = delivery.attempts + 1;
    // A transaction's own webhook_url retries as the gateway API document says (1, 5, 15 minutes by default).
    const schedule = endpoint.transaction ? this.config.transactionRetryScheduleMs : endpointRetryScheduleMs(endpoint.retrySchedule, this.config.retryScheduleMs);
    const change = changeFor(outcome, nextRetryDelay(schedule, attempt));
    this.metrics.webhookDelivery(change.kind, outcome.durationMs / 1000);
    if (!outcome.succeeded) {
      const cause = outcome.statusCode !== null ? `HTTP ${outcome.statusCode}` : outcome.error;
      const next = change.kind === 'retry' ? `retrying in ${change.delayMs} ms` : 'no retries left';
      this.logger.warn(`Webhook delivery ${delivery.id} of ${event.id} to ${endpoint.id}: attempt ${attempt} failed (${cause}); ${next}`);
    }
    await this.settle(
      delivery,
      change,
      {
        deliveryId: delivery.id,
        attempt,
        succeeded: outcome.succeeded,
        statusCode: outcome.statusCode,
        durationMs: outcome.durationMs,
        error: outcome.error,
        responseBody: outcome.responseBody,
      },
      endpoint,
    );
  }

  private requestFor(endpoint: WebhookEndpointEntity, event: ReturnType<typeof toEventResource>): Promise<WebhookRequest> | WebhookRequest {
    const timestamp = Math.floor(Date.now() / 1000);
    if (hasTransaction(endpoint)) return this.notifications.request(endpoint, event, timestamp);
    return buildWebhookRequest(event, { scheme: endpoint.signatureScheme, secrets: this.signingSecretsOf(endpoint) }, timestamp);
  }

  /** The current secret and, while a rotation overlaps, the previous one, in the order the scheme signs with. */
  private signingSecretsOf(endpoint: WebhookEndpointEntity): string[] {
    const box = endpointSecretBox(this.config.secretsKey);
    const overlapping = endpoint.previousSecretSealed !== null && endpoint.previousSecretExpiresAt !== null && endpoint.previousSecretExpiresAt > new Date();
    const previous = overlapping ? box.open(endpoint.previousSecretSealed!, endpoint.id) : null;
    return signingSecrets(endpoint.signatureScheme, box.open(endpoint.secretSealed, endpoint.id), previous);
  }

  private async settle(delivery: ClaimedDelivery, change: DeliveryChange, attempt: AttemptRecord | null, endpoint: WebhookEndpointEntity | null): Promise<void> {
    // A success ends a failure streak; when the endpoint had none (the usual case), there is nothing to write.
    const streakChanges = attempt !== null && endpoint !== null && (!attempt.succeeded || endpoint.failingSince !== null);
    const applied = await this.outbox.run(async (unit) => {
      const { manager } = unit;
      // The endpoint's row before the delivery's: disabling it cancels all its pending deliveries, so a
      // settle that took its own delivery first and then waited for the endpoint could deadlock with it.
      if (streakChanges) await this.endpoints.lockForOutcome(manager, endpoint.id);
      if (!(await this.deliveries.apply(manager, delivery, change))) return false;
      if (attempt) await this.deliveries.recordAttempt(manager, attempt);
      if (change.kind !== 'retry') await this.events.settleWebhooks(manager, [delivery.eventId]);
      if (streakChanges && (await this.endpoints.recordOutcome(manager, endpoint.id, attempt.succeeded, this.config.disableAfterSeconds))) {
        await this.disabledAfterFailures(unit, endpoint);
      }
      return true;
    });
    if (!applied) this.logger.warn(`Webhook delivery ${delivery.id}: lease lost before the outcome was recorded`);
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

function hasTransaction(endpoint: WebhookEndpointEntity): endpoint is WebhookEndpointEntity & { transaction: TransactionTarget } {
  return endpoint.transaction !== null;
}

function changeFor(outcome: SendOutcome, retryDelayMs: number | null): DeliveryChange {
  if (outcome.succeeded) return { kind: 'succeeded', statusCode: outcome.statusCode! };
  if (retryDelayMs === null) return { kind: 'failed', statusCode: outcome.statusCode };
  return { kind: 'retry', statusCode: outcome.statusCode, delayMs: retryDelayMs };
}
