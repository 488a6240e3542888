import { Injectable } from '@nestjs/common';
import type { Caller, ListResource, ListWebhookDeliveriesParams, WebhookDeliveryResource } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { checkListParams } from '../common/list-params.js';
import { EventsRepository } from '../events/events.repository.js';
import { WebhookEndpointsRepository } from '../webhook-endpoints/webhook-endpoints.repository.js';
import { DeliveriesRepository } from './deliveries.repository.js';
import { toWebhookDeliveryResource } from './delivery.mapper.js';

/** What merchants see of their deliveries: every attempt, per endpoint or per event. */
@Injectable()
export class DeliveryLogService {
  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly events: EventsRepository,
  ) {}

  async ofEndpoint(caller: Caller, params: ListWebhookDeliveriesParams): Promise<ListResource<WebhookDeliveryResource>> {
    checkListParams(params);
    if (!(await this.endpoints.findOwned(caller, params.id))) throw PayrailError.notFound('webhook_endpoint', params.id, 'id');
    return this.page(caller, { endpointId: params.id }, params, `/v1/webhook_endpoints/${params.id}/deliveries`);
  }

  async ofEvent(caller: Caller, params: ListWebhookDeliveriesParams): Promise<ListResource<WebhookDeliveryResource>> {
    checkListParams(params);
    if (!(await this.events.findOwned(caller, params.id))) throw PayrailError.notFound('event', params.id, 'id');
    return this.page(caller, { eventId: params.id }, params, `/v1/events/${params.id}/deliveries`);
  }

  private async page(
    caller: Caller,
    of: { endpointId: string } | { eventId: string },
    params: ListWebhookDeliveriesParams,
    url: string,
  ): Promise<ListResource<WebhookDeliveryResource>> {
    const page = await this.deliveries.list(caller, of, params);
    if (page.cursorMissing) {
      throw PayrailError.notFound('webhook_delivery', page.cursorMissing, params.starting_after ? 'starting_after' : 'ending_before');
    }
    const attempts = await this.deliveries.attemptsOf(page.data.map((delivery) => delivery.id));
    const data = page.data.map((delivery) => toWebhookDeliveryResource(delivery, attempts.filter((attempt) => attempt.deliveryId === delivery.id)));
    return { object: 'list', data, has_more: page.hasMore, url };
  }
}
