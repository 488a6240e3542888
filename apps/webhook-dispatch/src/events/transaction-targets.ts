import { Injectable } from '@nestjs/common';
import type { Caller } from '@payrail/contracts';
import type { EntityManager } from 'typeorm';
import { DeliveriesRepository } from '../deliveries/deliveries.repository.js';
import { isTransactionEventType, PAYMENT_INTENT_EVENT_TYPES, SESSION_EVENT_TYPES, TRANSACTION_EVENT_TYPES } from '../deliveries/transaction-notification.js';
import { WebhookEndpointsRepository } from '../webhook-endpoints/webhook-endpoints.repository.js';
import type { EventEntity } from './event.entity.js';
import { EventsRepository } from './events.repository.js';

const CHARGE_EVENT_TYPES = TRANSACTION_EVENT_TYPES.filter((type) => !SESSION_EVENT_TYPES.includes(type) && !PAYMENT_INTENT_EVENT_TYPES.includes(type));

type RecordedEvent = Pick<EventEntity, 'id' | 'type' | 'data'>;

/**
 * Which hidden endpoints of single transactions an event is for. A session's events name the session;
 * a pending payment's, a refund's or a dispute's name the PaymentIntent, which the endpoint learns when
 * the session's first payment attempt makes it (an internal event from payments) or, at the latest,
 * from `checkout.session.completed`. Events come from several services and topics in no fixed order, so
 * whatever an endpoint learns (its target, its PaymentIntent) also owes it the events recorded before.
 * Runs under the merchant's event lock, so no event falls between the two.
 */
@Injectable()
export class TransactionTargets {
  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly events: EventsRepository,
    private readonly deliveries: DeliveriesRepository,
  ) {}

  /** The hidden endpoints owed `event`; deliveries of earlier events it made due are inserted here. */
  async endpointsFor(manager: EntityManager, owner: Caller, event: RecordedEvent): Promise<string[]> {
    if (!isTransactionEventType(event.type)) return [];
    const object = event.data.object as { id?: unknown; payment_intent?: unknown };
    if (SESSION_EVENT_TYPES.includes(event.type)) {
      if (typeof object.id !== 'string') return [];
      await this.endpoints.setTransactionEnded(manager, owner, object.id, event.type === 'checkout.session.completed' ? 'complete' : 'expired', new Date());
      const targets = await this.endpoints.findForTransaction(manager, owner, { transaction: object.id });
      for (const target of targets) await this.learnFromSession(manager, owner, target.id, event);
      return targets.map((target) => target.id);
    }
    const paymentIntent = PAYMENT_INTENT_EVENT_TYPES.includes(event.type) ? object.id : object.payment_intent;
    if (typeof paymentIntent !== 'string') return [];
    return (await this.endpoints.findForTransaction(manager, owner, { paymentIntent })).map((target) => target.id);
  }

  /** A hidden endpoint was just made for `session`: the session's events recorded before it are owed to it too. */
  async adopt(manager: EntityManager, owner: Caller, endpointId: string, session: string): Promise<number> {
    let owed = 0;
    for (const earlier of await this.events.aboutObject(manager, owner, SESSION_EVENT_TYPES, session)) {
      await this.endpoints.setTransactionEnded(manager, owner, session, earlier.type === 'checkout.session.completed' ? 'complete' : 'expired', new Date());
      owed += await this.owe(manager, owner, endpointId, [earlier.id]);
      owed += await this.learnFromSession(manager, owner, endpointId, earlier);
    }
    return owed;
  }

  /** Records the transaction's PaymentIntent (once) and owes the endpoint the events already recorded about it; returns how many. */
  async learnPaymentIntent(manager: EntityManager, owner: Caller, endpointId: string, paymentIntent: string): Promise<number> {
    if (!(await this.endpoints.setTransactionPaymentIntent(manager, endpointId, paymentIntent))) return 0;
    return this.owe(manager, owner, endpointId, await this.events.idsAboutPaymentIntent(manager, owner, PAYMENT_INTENT_EVENT_TYPES, CHARGE_EVENT_TYPES, paymentIntent));
  }

  /** A completed session names its PaymentIntent: the latest moment an endpoint learns it. */
  private learnFromSession(manager: EntityManager, owner: Caller, endpointId: string, event: RecordedEvent): Promise<number> {
    const paymentIntent = (event.data.object as { payment_intent?: unknown }).payment_intent;
    return event.type === 'checkout.session.completed' && typeof paymentIntent === 'string' ? this.learnPaymentIntent(manager, owner, endpointId, paymentIntent) : Promise.resolve(0);
  }

  private async owe(manager: EntityManager, owner: Caller, endpointId: string, eventIds: readonly string[]): Promise<number> {
    for (const eventId of eventIds) {
      await this.deliveries.insertPending(manager, eventId, owner, [endpointId]);
      await this.events.addPendingWebhooks(manager, eventId, 1);
    }
    return eventIds.length;
  }
}
