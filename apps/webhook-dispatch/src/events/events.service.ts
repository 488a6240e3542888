import { Injectable } from '@nestjs/common';
import { Topics, type Caller, type EventEnvelope, type EventReplay, type EventResource, type ListEventsParams, type ListResource, type PositionedEvent, type PositionedEvents, type ReplayEventsParams, type ResendEventParams, type WebhookEventType } from '@payrail/contracts';
import { newId } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import type { EntityManager } from 'typeorm';
import { activeTraceparent, Inbox, newEvent, TransactionalOutbox, type UnitOfWork } from '@payrail/messaging';
import { DeliveriesRepository } from '../deliveries/deliveries.repository.js';
import type { WebhookEndpointEntity } from '../webhook-endpoints/webhook-endpoint.entity.js';
import { WebhookEndpointsRepository } from '../webhook-endpoints/webhook-endpoints.repository.js';
import { checkListParams } from '../common/list-params.js';
import { isTransactionEventType } from '../deliveries/transaction-notification.js';
import { EVENT_API_VERSION, eventFromEnvelope, toEventResource, type NewEvent } from './event.mapper.js';
import { endpointWants, isPublicEventType } from './event-types.js';
import type { EventEntity } from './event.entity.js';
import { EventsRepository } from './events.repository.js';
import { TransactionTargets } from './transaction-targets.js';

const DOMAIN_EVENTS_CONSUMER = 'webhook-dispatch.domain-events';

/** A domain event to record, with the trace it was received in (its deliveries continue it). */
export interface DomainEventToRecord {
  envelope: EventEnvelope<string, unknown>;
  traceparent: string | null;
}

/** An event about to be recorded, and the endpoints subscribed to it. */
interface ToInsert {
  event: NewEvent & { traceparent: string | null };
  wanting: string[];
}

const ownerKey = (owner: Caller) => `${owner.merchantId}:${owner.livemode}`;

/** Each owner's enabled endpoints, read once per transaction: the owners of a batch in one query. */
class EnabledEndpoints {
  private readonly byOwner = new Map<string, Promise<WebhookEndpointEntity[]>>();

  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly manager: EntityManager,
  ) {}

  /** Reads these owners' endpoints together, before `wanting` asks for them one by one. */
  async prefetch(owners: readonly Caller[]): Promise<void> {
    const unread = [...new Map(owners.map((owner) => [ownerKey(owner), owner])).values()].filter((owner) => !this.byOwner.has(ownerKey(owner)));
    if (unread.length === 0) return;
    const found = await this.endpoints.findEnabledOfOwners(this.manager, unread);
    for (const owner of unread) {
      this.byOwner.set(ownerKey(owner), Promise.resolve(found.filter((endpoint) => endpoint.merchantId === owner.merchantId && endpoint.livemode === owner.livemode)));
    }
  }

  /** The owner's enabled endpoints subscribed to `type`. */
  async wanting(owner: Caller, type: string): Promise<string[]> {
    return (await this.of(owner)).filter((endpoint) => endpointWants(endpoint.enabledEvents, type)).map((endpoint) => endpoint.id);
  }

  private of(owner: Caller): Promise<WebhookEndpointEntity[]> {
    let found = this.byOwner.get(ownerKey(owner));
    if (!found) this.byOwner.set(ownerKey(owner), (found = this.endpoints.findEnabled(this.manager, owner)));
    return found;
  }
}

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
   * Domain events become public events and, in the same transaction, one delivery for each of the merchant's
   * enabled endpoints that wants each; a redelivered domain event changes nothing. Recorded in one transaction,
   * in the order given (which is their order in the merchant's
   * stream): the inbox takes them in one statement, each merchant's event lock is taken once, and each
   * owner's endpoints are read once. Answers how many deliveries each made (0 for one seen before or not
   * public). Should one of them fail, none is recorded: the caller records them again one by one.
   */
  async recordMany(items: readonly DomainEventToRecord[]): Promise<number[]> {
    const recordable = items.filter(({ envelope }) => isPublicEventType(envelope.type));
    if (recordable.length === 0) return items.map(() => 0);
    return this.outbox.run(async (unit) => {
      const { manager } = unit;
      const fresh = await this.inbox.claimMany(manager, DOMAIN_EVENTS_CONSUMER, recordable.map(({ envelope }) => envelope.id));
      const toRecord = recordable.filter(({ envelope }) => fresh.delete(envelope.id));
      await this.events.lockMerchantsEvents(manager, toRecord.map(({ envelope }) => envelope.merchantId));
      const endpoints = new EnabledEndpoints(this.endpoints, manager);
      await endpoints.prefetch(toRecord.map(({ envelope }) => ({ merchantId: envelope.merchantId, livemode: envelope.livemode })));
      const events: ToInsert[] = [];
      for (const { envelope, traceparent } of toRecord) {
        const event = eventFromEnvelope(envelope);
        const wanting = await endpoints.wanting({ merchantId: event.merchantId, livemode: event.livemode }, event.type);
        events.push({ event: { ...event, pendingWebhooks: wanting.length, traceparent }, wanting });
      }
      const recorded = await this.insertInOrder(manager, events);
      const made = new Map<string, number>();
      const owed: Array<{ eventId: string; owner: Caller; endpointIds: string[] }> = [];
      const recordedIdsByOwner = new Map<string, { owner: Caller; ids: string[] }>();
      for (const { event, wanting } of events) {
        const at = recorded.get(event.id);
        if (!at) continue;
        const owner: Caller = { merchantId: event.merchantId, livemode: event.livemode };
        const endpointIds = [...wanting, ...at.targets];
        owed.push({ eventId: event.id, owner, endpointIds });
        made.set(event.sourceEventId, endpointIds.length);
        const byOwner = recordedIdsByOwner.get(ownerKey(owner)) ?? { owner, ids: [] };
        byOwner.ids.push(event.id);
        recordedIdsByOwner.set(ownerKey(owner), byOwner);
      }
      for (const { owner, ids } of recordedIdsByOwner.values()) await this.noticeRecorded(unit, owner, ids);
      await this.deliveries.insertPendingMany(manager, owed);
      return items.map(({ envelope }) => made.get(envelope.id) ?? 0);
    });
  }

  /**
   * Inserts the events in their order: a run of ordinary events in one statement, and an event that
   * concerns a single transaction's own endpoints alone, its targets worked out before the next one is
   * recorded (what it teaches an endpoint decides what the events after it owe; see TransactionTargets).
   */
  private async insertInOrder(manager: EntityManager, events: readonly ToInsert[]): Promise<Map<string, { createdAt: Date; position: string; targets: string[] }>> {
    const recorded = new Map<string, { createdAt: Date; position: string; targets: string[] }>();
    let run: ToInsert[] = [];
    const insertRun = async () => {
      for (const [id, at] of await this.events.insertMany(manager, run.map(({ event }) => event))) recorded.set(id, { ...at, targets: [] });
      run = [];
    };
    for (const item of events) {
      if (!isTransactionEventType(item.event.type)) {
        run.push(item);
        continue;
      }
      await insertRun();
      run = [item];
      await insertRun();
      const at = recorded.get(item.event.id);
      if (!at) continue;
      at.targets = await this.transactionTargets.endpointsFor(manager, { merchantId: item.event.merchantId, livemode: item.event.livemode }, item.event);
      await this.events.addPendingWebhooks(manager, item.event.id, at.targets.length);
    }
    await insertRun();
    return recorded;
  }

  /** An event webhook-dispatch raises itself (`webhook_endpoint.disabled`), in the caller's transaction. */
  async recordOwn(unit: UnitOfWork, owner: Caller, type: WebhookEventType, object: Record<string, unknown>): Promise<number> {
    const id = newId('evt');
    const { manager } = unit;
    await this.events.lockMerchantEvents(manager, owner.merchantId);
    const wanting = await new EnabledEndpoints(this.endpoints, manager).wanting(owner, type);
    const event: NewEvent & { traceparent: string | null } = {
      id,
      sourceEventId: id,
      merchantId: owner.merchantId,
      livemode: owner.livemode,
      type,
      apiVersion: EVENT_API_VERSION,
      data: { object },
      requestId: null,
      idempotencyKey: null,
      pendingWebhooks: wanting.length,
      occurredAt: new Date(),
      traceparent: activeTraceparent(),
    };
    await this.events.insertMany(manager, [event]);
    await this.deliveries.insertPending(manager, id, owner, wanting);
    await this.noticeRecorded(unit, owner, [id]);
    return wanting.length;
  }

  /** Tells the edges' live streams that the owner has new events (RecordedEventsNotice); they fetch them if someone streams. */
  private noticeRecorded(unit: UnitOfWork, owner: Caller, ids: string[]): Promise<void> {
    return unit.publish(Topics.RecordedEvents, newEvent('events.recorded', owner, owner.merchantId, { ids }));
  }

  /** The caller's events among `ids`, with their positions, in stored order (what a notified live stream fetches). */
  async positioned(caller: Caller, ids: readonly string[]): Promise<PositionedEvents> {
    return { data: (await this.events.positioned(caller, ids)).map(toPositionedEvent) };
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
    const data = rows.slice(0, params.limit).map(toPositionedEvent);
    return { after_position: afterPosition, data, has_more: rows.length > params.limit };
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

function toPositionedEvent({ entity, position }: { entity: EventEntity; position: string }): PositionedEvent {
  return { position, event: toEventResource(entity) };
}
