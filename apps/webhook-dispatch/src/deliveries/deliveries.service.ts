import { Inject, Injectable, Logger } from '@nestjs/common';
import { ServiceMetrics } from '@payrail/messaging';
import { signingSecrets, type SecretBox } from '@payrail/signing';
import { WEBHOOK_DISPATCH_CONFIG, type WebhookDispatchConfig } from '../config/webhook-dispatch.config.js';
import type { EventEntity } from '../events/event.entity.js';
import { toEventResource } from '../events/event.mapper.js';
import { EventsRepository } from '../events/events.repository.js';
import { endpointSecretBox } from '../webhook-endpoints/endpoint-secret-box.js';
import type { TransactionTarget, WebhookEndpointEntity } from '../webhook-endpoints/webhook-endpoint.entity.js';
import { WebhookEndpointsRepository } from '../webhook-endpoints/webhook-endpoints.repository.js';
import { DeliveriesRepository, type ClaimedDelivery, type DeliveryChange } from './deliveries.repository.js';
import { DeliverySettler } from './delivery-settler.js';
import { endpointRetryScheduleMs, nextRetryDelay } from './retry-schedule.js';
import { TransactionNotifications } from './transaction-notification.js';
import { buildWebhookRequest, type WebhookRequest } from './webhook-request.js';
import { traceWebhookAttempt } from './webhook-attempt-span.js';
import { WebhookSender, type SendOutcome } from './webhook-sender.js';

/** A claimed delivery with what its attempt needs; `null` when the endpoint or the event is gone. */
export interface PreparedDelivery {
  delivery: ClaimedDelivery;
  endpoint: WebhookEndpointEntity | null;
  event: EventEntity | null;
}

/** Makes one attempt at a claimed delivery and records how it went. */
@Injectable()
export class DeliveriesService {
  private readonly logger = new Logger(DeliveriesService.name);
  private secretBox: SecretBox | undefined;

  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly events: EventsRepository,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly sender: WebhookSender,
    private readonly settler: DeliverySettler,
    private readonly notifications: TransactionNotifications,
    @Inject(WEBHOOK_DISPATCH_CONFIG) private readonly config: WebhookDispatchConfig,
    private readonly metrics: ServiceMetrics,
  ) {
    metrics.webhookOutcomesDeclared();
  }

  /** Loads the endpoints and events of a claimed batch in two queries, not two per delivery. */
  async prepare(claimed: readonly ClaimedDelivery[]): Promise<PreparedDelivery[]> {
    const unique = (ids: string[]) => [...new Set(ids)];
    const [endpoints, events] = await Promise.all([
      this.endpoints.findByIds(unique(claimed.map((delivery) => delivery.endpointId))),
      this.events.findByIds(unique(claimed.map((delivery) => delivery.eventId))),
    ]);
    const endpointById = new Map(endpoints.map((endpoint) => [endpoint.id, endpoint]));
    const eventById = new Map(events.map((event) => [event.id, event]));
    return claimed.map((delivery) => ({ delivery, endpoint: endpointById.get(delivery.endpointId) ?? null, event: eventById.get(delivery.eventId) ?? null }));
  }

  async attempt({ delivery, endpoint, event }: PreparedDelivery, stopping: AbortSignal): Promise<void> {
    if (!endpoint || !event || endpoint.deletedAt !== null || endpoint.status !== 'enabled') {
      this.metrics.webhookDelivery('canceled', null);
      await this.settler.settle({ delivery, change: { kind: 'canceled' }, attempt: null, endpoint });
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
    if (request) outcome = await traceWebhookAttempt(event.traceparent, { deliveryId: delivery.id, endpointId: endpoint.id, eventId: event.id, attempt: delivery.attempts + 1 }, () => this.sender.send(endpoint.url, request, { livemode: endpoint.livemode, signal: stopping }));
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
    const record = { deliveryId: delivery.id, attempt, succeeded: outcome.succeeded, statusCode: outcome.statusCode, durationMs: outcome.durationMs, error: outcome.error, responseBody: outcome.responseBody };
    await this.settler.settle({ delivery, change, attempt: record, endpoint });
  }

  private requestFor(endpoint: WebhookEndpointEntity, event: ReturnType<typeof toEventResource>): Promise<WebhookRequest> | WebhookRequest {
    const timestamp = Math.floor(Date.now() / 1000);
    if (hasTransaction(endpoint)) return this.notifications.request(endpoint, event, timestamp);
    return buildWebhookRequest(event, { scheme: endpoint.signatureScheme, secrets: this.signingSecretsOf(endpoint) }, timestamp);
  }

  /** The current secret and, while a rotation overlaps, the previous one, in the order the scheme signs with. */
  private signingSecretsOf(endpoint: WebhookEndpointEntity): string[] {
    // Derived once, on first use: a key that cannot make a box fails the attempt, not the boot.
    const box = (this.secretBox ??= endpointSecretBox(this.config.secretsKey));
    const overlapping = endpoint.previousSecretSealed !== null && endpoint.previousSecretExpiresAt !== null && endpoint.previousSecretExpiresAt > new Date();
    const previous = overlapping ? box.open(endpoint.previousSecretSealed!, endpoint.id) : null;
    return signingSecrets(endpoint.signatureScheme, box.open(endpoint.secretSealed, endpoint.id), previous);
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
