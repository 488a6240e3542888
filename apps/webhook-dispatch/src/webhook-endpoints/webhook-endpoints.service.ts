import { Inject, Injectable } from '@nestjs/common';
import type { Caller, CreateWebhookEndpointParams, ListResource, ListWebhookEndpointsParams, WebhookEndpointResource } from '@payrail/contracts';
import { newId } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import { TransactionalOutbox } from '@payrail/messaging';
import { generateSecret } from '@payrail/signing';
import { endpointSecretBox } from './endpoint-secret-box.js';
import { checkListParams } from '../common/list-params.js';
import { WEBHOOK_DISPATCH_CONFIG, type WebhookDispatchConfig } from '../config/webhook-dispatch.config.js';
import { DeliveriesRepository } from '../deliveries/deliveries.repository.js';
import { EventsRepository } from '../events/events.repository.js';
import { checkCreateWebhookEndpoint } from './create-webhook-endpoint.params.js';
import { WebhookEndpointEntity } from './webhook-endpoint.entity.js';
import { toWebhookEndpointResource } from './webhook-endpoint.mapper.js';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository.js';

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
    const secret = generateSecret('whsec_', 32);
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
      apiVersion: null,
      metadata: checked.metadata,
      secretSealed: endpointSecretBox(this.config.secretsKey).seal(secret, id),
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    } satisfies WebhookEndpointEntity);
    await this.endpoints.insert(endpoint);
    return { ...toWebhookEndpointResource(endpoint), secret };
  }

  async retrieve(caller: Caller, id: string): Promise<WebhookEndpointResource> {
    const endpoint = await this.endpoints.findOwned(caller, id);
    if (!endpoint) throw PayrailError.notFound('webhook_endpoint', id, 'id');
    return toWebhookEndpointResource(endpoint);
  }

  async list(caller: Caller, params: ListWebhookEndpointsParams): Promise<ListResource<WebhookEndpointResource>> {
    checkListParams(params);
    const page = await this.endpoints.list(caller, params);
    if (page.cursorMissing) {
      throw PayrailError.notFound('webhook_endpoint', page.cursorMissing, params.starting_after ? 'starting_after' : 'ending_before');
    }
    return { object: 'list', data: page.data.map(toWebhookEndpointResource), has_more: page.hasMore, url: '/v1/webhook_endpoints' };
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
