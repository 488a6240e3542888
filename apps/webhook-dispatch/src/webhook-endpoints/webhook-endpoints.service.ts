import { Inject, Injectable } from '@nestjs/common';
import {
  TEST_EVENT_TYPE,
  type Caller,
  type CreateWebhookEndpointParams,
  type EventResource,
  type ListResource,
  type ListWebhookEndpointsParams,
  type RotateWebhookEndpointSecretParams,
  type UpdateWebhookEndpointParams,
  type WebhookEndpointResource,
} from '@payrail/contracts';
import { newId } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import { activeTraceparent, TransactionalOutbox } from '@payrail/messaging';
import { newWebhookSecret } from '@payrail/signing';
import { endpointSecretBox } from './endpoint-secret-box.js';
import { checkListParams } from '../common/list-params.js';
import { WEBHOOK_DISPATCH_CONFIG, type WebhookDispatchConfig } from '../config/webhook-dispatch.config.js';
import { DeliveriesRepository } from '../deliveries/deliveries.repository.js';
import { EventsRepository } from '../events/events.repository.js';
import { EVENT_API_VERSION, toEventResource } from '../events/event.mapper.js';
import { checkCreateWebhookEndpoint } from './create-webhook-endpoint.params.js';
import { WebhookEndpointEntity } from './webhook-endpoint.entity.js';
import { toWebhookEndpointResource } from './webhook-endpoint.mapper.js';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository.js';
import { checkSecretOverlap, checkUpdateWebhookEndpoint } from './update-webhook-endpoint.params.js';

export interface DeletedWebhookEndpoint {
  id: string;
  object: 'webhook_endpoint';
  deleted: true;
}

@Injectable()
export class WebhookEndpointsService {
  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly events: EventsRepository,
    private readonly outbox: TransactionalOutbox,
    @Inject(WEBHOOK_DISPATCH_CONFIG) private readonly config: WebhookDispatchConfig,
  ) {}

  /** The signing secret is in this answer only; it is kept sealed and never shown again. */
  async create(caller: Caller, params: CreateWebhookEndpointParams): Promise<WebhookEndpointResource> {
    const checked = checkCreateWebhookEndpoint(params, caller.livemode, this.config.allowPrivateNetworksInTestMode);
    const secret = newWebhookSecret(checked.signatureScheme);
    const now = new Date();
    const id = newId('we');
    const endpoint = Object.assign(new WebhookEndpointEntity(), {
      id,
      merchantId: caller.merchantId,
      livemode: caller.livemode,
      url: checked.url,
      enabledEvents: checked.enabledEvents,
      status: 'enabled',
      description: checked.description,
      apiVersion: checked.apiVersion,
      metadata: checked.metadata,
      secretSealed: endpointSecretBox(this.config.secretsKey).seal(secret, id),
      signatureScheme: checked.signatureScheme,
      retrySchedule: checked.retrySchedule,
      previousSecretSealed: null,
      previousSecretExpiresAt: null,
      failingSince: null,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
      transaction: null,
    } satisfies WebhookEndpointEntity);
    await this.endpoints.insert(endpoint);
    return { ...toWebhookEndpointResource(endpoint), secret };
  }

  async retrieve(caller: Caller, id: string): Promise<WebhookEndpointResource> {
    return toWebhookEndpointResource(await this.owned(caller, id));
  }

  /** `disabled: false` re-enables an endpoint, one the platform disabled after a failure streak too. */
  async update(caller: Caller, params: UpdateWebhookEndpointParams): Promise<WebhookEndpointResource> {
    const endpoint = await this.owned(caller, params.id);
    await this.endpoints.update(caller, endpoint.id, checkUpdateWebhookEndpoint(endpoint, params, this.config.allowPrivateNetworksInTestMode));
    return this.retrieve(caller, endpoint.id);
  }

  /**
   * A new secret, shown in this answer only. The one it replaces keeps signing beside it for
   * `expires_in` seconds, so that receivers can switch without refusing a delivery.
   */
  async rotateSecret(caller: Caller, params: RotateWebhookEndpointSecretParams): Promise<WebhookEndpointResource> {
    const overlapSeconds = checkSecretOverlap(params);
    const endpoint = await this.owned(caller, params.id);
    const secret = newWebhookSecret(endpoint.signatureScheme);
    const previousExpiresAt = overlapSeconds > 0 ? new Date(Date.now() + overlapSeconds * 1000) : null;
    await this.endpoints.rotateSecret(endpoint, endpointSecretBox(this.config.secretsKey).seal(secret, endpoint.id), previousExpiresAt);
    return { ...(await this.retrieve(caller, endpoint.id)), secret };
  }

  /** A `payrail.test` event, delivered signed to this endpoint only, whatever it is subscribed to. */
  async sendTest(caller: Caller, id: string): Promise<EventResource> {
    const endpoint = await this.owned(caller, id);
    const eventId = newId('evt');
    await this.outbox.run(async ({ manager }) => {
      await this.events.insertMany(manager, [{
        id: eventId,
        sourceEventId: eventId,
        merchantId: caller.merchantId,
        livemode: caller.livemode,
        type: TEST_EVENT_TYPE,
        apiVersion: endpoint.apiVersion ?? EVENT_API_VERSION,
        data: { object: { ...toWebhookEndpointResource(endpoint) } },
        requestId: null,
        idempotencyKey: null,
        pendingWebhooks: 1,
        occurredAt: new Date(),
        traceparent: activeTraceparent(),
      }]);
      await this.deliveries.insertPending(manager, eventId, caller, [endpoint.id]);
    });
    const event = await this.events.findById(eventId);
    return toEventResource(event!);
  }

  async list(caller: Caller, params: ListWebhookEndpointsParams): Promise<ListResource<WebhookEndpointResource>> {
    checkListParams(params);
    const page = await this.endpoints.list(caller, params);
    if (page.cursorMissing) {
      throw PayrailError.notFound('webhook_endpoint', page.cursorMissing, params.starting_after ? 'starting_after' : 'ending_before');
    }
    return { object: 'list', data: page.data.map((endpoint) => toWebhookEndpointResource(endpoint)), has_more: page.hasMore, url: '/v1/webhook_endpoints' };
  }

  private async owned(caller: Caller, id: string) {
    const endpoint = await this.endpoints.findOwned(caller, id);
    if (!endpoint) throw PayrailError.notFound('webhook_endpoint', id, 'id');
    return endpoint;
  }

  /** Nothing more is sent to a deleted endpoint: what it was still owed is canceled with it. */
  async delete(caller: Caller, id: string): Promise<DeletedWebhookEndpoint> {
    await this.outbox.run(async ({ manager }) => {
      if (!(await this.endpoints.markDeleted(manager, caller, id))) throw PayrailError.notFound('webhook_endpoint', id, 'id');
      await this.events.settleWebhooks(manager, await this.deliveries.cancelPendingFor(manager, id));
    });
    return { id, object: 'webhook_endpoint', deleted: true };
  }
}
