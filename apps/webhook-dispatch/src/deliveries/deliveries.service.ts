import { Inject, Injectable, Logger } from '@nestjs/common';
import { TransactionalOutbox } from '@payrail/messaging';
import { WEBHOOK_DISPATCH_CONFIG, type WebhookDispatchConfig } from '../config/webhook-dispatch.config.js';
import { toEventResource } from '../events/event.mapper.js';
import { EventsRepository } from '../events/events.repository.js';
import { endpointSecretBox } from '../webhook-endpoints/endpoint-secret-box.js';
import { WebhookEndpointsRepository } from '../webhook-endpoints/webhook-endpoints.repository.js';
import { DeliveriesRepository, type AttemptRecord, type ClaimedDelivery, type DeliveryChange } from './deliveries.repository.js';
import { nextRetryDelay } from './retry-schedule.js';
import { buildWebhookRequest } from './webhook-request.js';
import { WebhookSender, type SendOutcome } from './webhook-sender.js';

/** Makes one attempt at a claimed delivery and records how it went. */
@Injectable()
export class DeliveriesService {
  private readonly logger = new Logger(DeliveriesService.name);

  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly events: EventsRepository,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly sender: WebhookSender,
    private readonly outbox: TransactionalOutbox,
    @Inject(WEBHOOK_DISPATCH_CONFIG) private readonly config: WebhookDispatchConfig,
  ) {}

  async attempt(delivery: ClaimedDelivery, stopping: AbortSignal): Promise<void> {
    const [endpoint, event] = await Promise.all([this.endpoints.findById(delivery.endpointId), this.events.findById(delivery.eventId)]);
    if (!endpoint || !event || endpoint.deletedAt !== null || endpoint.status !== 'enabled') {
      await this.settle(delivery, { kind: 'canceled' }, null);
      return;
    }

    let outcome: SendOutcome;
    try {
      const secret = endpointSecretBox(this.config.secretsKey).open(endpoint.secretSealed, endpoint.id);
      const request = buildWebhookRequest(toEventResource(event), secret, Math.floor(Date.now() / 1000));
      outcome = await this.sender.send(endpoint.url, request, { livemode: endpoint.livemode, signal: stopping });
    } catch {
      // Only opening the secret can throw here: PAYRAIL_SECRETS_KEY is not the key it was sealed with.
      outcome = { succeeded: false, statusCode: null, durationMs: 0, error: 'The signing secret could not be opened' };
    }
    if (stopping.aborted && !outcome.succeeded) {
      await this.deliveries.release(delivery);
      return;
    }

    const attempt = delivery.attempts + 1;
    const change = changeFor(outcome, nextRetryDelay(this.config.retryScheduleMs, attempt));
    if (!outcome.succeeded) {
      const cause = outcome.statusCode !== null ? `HTTP ${outcome.statusCode}` : outcome.error;
      const next = change.kind === 'retry' ? `retrying in ${change.delayMs} ms` : 'no retries left';
      this.logger.warn(`Webhook delivery ${delivery.id} of ${event.id} to ${endpoint.id}: attempt ${attempt} failed (${cause}); ${next}`);
    }
    await this.settle(delivery, change, {
      deliveryId: delivery.id,
      attempt,
      succeeded: outcome.succeeded,
      statusCode: outcome.statusCode,
      durationMs: outcome.durationMs,
      error: outcome.error,
    });
  }

  private async settle(delivery: ClaimedDelivery, change: DeliveryChange, attempt: AttemptRecord | null): Promise<void> {
    const applied = await this.outbox.run(async ({ manager }) => {
      if (!(await this.deliveries.apply(manager, delivery, change))) return false;
      if (attempt) await this.deliveries.recordAttempt(manager, attempt);
      if (change.kind !== 'retry') await this.events.settleWebhooks(manager, [delivery.eventId]);
      return true;
    });
    if (!applied) this.logger.warn(`Webhook delivery ${delivery.id}: lease lost before the outcome was recorded`);
  }
}

function changeFor(outcome: SendOutcome, retryDelayMs: number | null): DeliveryChange {
  if (outcome.succeeded) return { kind: 'succeeded', statusCode: outcome.statusCode! };
  if (retryDelayMs === null) return { kind: 'failed', statusCode: outcome.statusCode };
  return { kind: 'retry', statusCode: outcome.statusCode, delayMs: retryDelayMs };
}
