import { Injectable } from '@nestjs/common';
import { Topics, type Caller, type EventEnvelope, type EventReplay, type EventResource, type ListEventsParams, type ListResource, type ReplayEventsParams, type ResendEventParams, type WebhookEventType } from '@payrail/contracts';
import { newId } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import { Inbox, newEvent, TransactionalOutbox, type UnitOfWork } from '@payrail/messaging';
import { DeliveriesRepository } from '../deliveries/deliveries.repository.js';
import { WebhookEndpointsRepository } from '../webhook-endpoints/webhook-endpoints.repository.js';
import { checkListParams } from '../common/list-params.js';
import { EVENT_API_VERSION, eventFromEnvelope, toEventResource, type NewEvent } from './event.mapper.js';
import { endpointWants, isPublicEventType } from './event-types.js';
import { EventsRepository } from './events.repository.js';
import { TransactionTargets } from './transaction-targets.js';

const DOMAIN_EVENTS_CONSUMER = 'webhook-dispatch.domain-events';

@Injectable()
export class EventsService {
  constructor(
    private readonly events: EventsRepository,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly inbox: Inbox,
    private readonly outbox: TransactionalOutbox,
    private readonly transactionTargets: TransactionTargets,
  ) {}

  /**
   * Turns a domain event into a public event and, in the same transaction, one delivery for each of
   * the merchant's enabled endpoints that wants it. A redelivered domain event changes nothing.
   * Returns how many deliveries were made.
   */
  async record(envelope: EventEnvelope<string, unknown>): Promise<number> {
    if (!isPublicEventType(envelope.type)) return 0;
    let made = 0;
    await this.inbox.handleOnce(DOMAIN_EVENTS_CONSUMER, envelope.id, async (unit) => {
      made = await this.insertWithDeliveries(unit, eventFromEnvelope(envelope));
    });
    return made;
  }

  /** An event webhook-dispatch raises itself (`webhook_endpoint.disabled`), in the caller's transaction. */
  async recordOwn(unit: UnitOfWork, owner: Caller, type: WebhookEventType, object: Record<string, unknown>): Promise<number> {
    const id = newId('evt');
    return this.insertWithDeliveries(unit, {
      id,
      sourceEventId: id,
      merchantId: owner.merchantId,
      livemode: owner.livemode,
      type,
      apiVersion: EVENT_API_VERSION,
      data: { object },
      requestId: null,
      idempotencyKey: null,
      pendingWebhooks: 0,
      occurredAt: new Date(),
    });
  }

  /**
   * The event, and one delivery to each of the owner's enabled endpoints that wants it; returns how many.
   * Events of one merchant are recorded one at a time, so that commit order is position order for the streams.
   */
  private async insertWithDeliveries(unit: UnitOfWork, event: NewEvent): Promise<number> {
    const { manager } = unit;
    await this.events.lockMerchantEvents(manager, event.merchantId);
    if (!(await this.events.insert(manager, event))) return 0;
    const owner: Caller = { merchantId: event.merchantId, livemode: event.livemode };
    const wanting = (await this.endpoints.findEnabled(manager, owner)).filter((endpoint) => endpointWants(endpoint.enabledEvents, event.type)).map((endpoint) => endpoint.id);
    wanting.push(...(await this.transactionTargets.endpointsFor(manager, owner, event)));
    if (wanting.length > 0) {
      await this.deliveries.insertPending(manager, event.id, owner, wanting);
      await this.events.setPendingWebhooks(manager, event.id, wanting.length);
    }
    await this.publishRecorded(unit, event.id);
    return wanting.length;
  }

  /**
   * Sends the event again, now: to one endpoint of the caller's (enabled, whatever it subscribes to), or
   * to every enabled endpoint subscribed to its type. A delivery made before is reopened, so that its
   * attempt log goes on; the event id stays the same, for receivers to deduplicate.
   */
  async resend(caller: Caller, params: ResendEventParams): Promise<EventResource> {
    const event = await this.events.findOwned(caller, params.id);
    if (!event) throw PayrailError.notFound('event', params.id, 'id');
    await this.outbox.run(async ({ manager }) => {
      let targets: string[];
      if (params.webhook_endpoint !== undefined) {
        const endpoint = (await this.endpoints.findEnabled(manager, caller)).find((candidate) => candidate.id === params.webhook_endpoint);
        if (!endpoint) throw PayrailError.notFound('webhook_endpoint', params.webhook_endpoint, 'webhook_endpoint');
        targets = [endpoint.id];
      } else {
        targets = (await this.endpoints.findEnabled(manager, caller)).filter((endpoint) => endpointWants(endpoint.enabledEvents, event.type)).map((endpoint) => endpoint.id);
      }
      const reopened = await this.deliveries.reopen(manager, event.id, caller, targets);
      await this.events.addPendingWebhooks(manager, event.id, reopened);
    });
    return this.retrieve(caller, event.id);
  }

  /** The caller's events recorded after `params.after`, oldest first, for a stream that resumes. */
  async replay(caller: Caller, params: ReplayEventsParams): Promise<EventReplay> {
    const afterPosition = await this.events.positionOwned(caller, params.after);
    if (afterPosition === null) throw PayrailError.notFound('event', params.after, 'starting_after');
    const rows = await this.events.after(caller, params.after, params.limit + 1);
    const data = rows.slice(0, params.limit).map(({ entity, position }) => ({ position, event: toEventResource(entity) }));
    return { after_position: afterPosition, data, has_more: rows.length > params.limit };
  }

  /** The event as recorded (after any pending-webhook count is set) goes to the live streams once committed. */
  private async publishRecorded(unit: UnitOfWork, id: string): Promise<void> {
    const { entity, position } = await this.events.findPositioned(unit.manager, id);
    const caller: Caller = { merchantId: entity.merchantId, livemode: entity.livemode };
    await unit.publish(Topics.RecordedEvents, newEvent('event.recorded', caller, entity.merchantId, { position, event: toEventResource(entity) }));
  }

  async retrieve(caller: Caller, id: string): Promise<EventResource> {
    const event = await this.events.findOwned(caller, id);
    if (!event) throw PayrailError.notFound('event', id, 'id');
    return toEventResource(event);
  }

  async list(caller: Caller, params: ListEventsParams): Promise<ListResource<EventResource>> {
    checkListParams(params);
    if (params.type !== undefined && params.type.length === 0) {
      throw new PayrailError('parameter_invalid', 'Invalid type: must be an event type, or a group such as charge.*', { param: 'type' });
    }
    const page = await this.events.list(caller, params);
    if (page.cursorMissing) throw PayrailError.notFound('event', page.cursorMissing, params.starting_after ? 'starting_after' : 'ending_before');
    return { object: 'list', data: page.data.map(toEventResource), has_more: page.hasMore, url: '/v1/events' };
  }
}
