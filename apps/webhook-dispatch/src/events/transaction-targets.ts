import { Injectable } from '@nestjs/common';
import type { Caller } from '@payrail/contracts';
import type { EntityManager } from 'typeorm';
import { DeliveriesRepository } from '../deliveries/deliveries.repository.js';
import { isTransactionEventType, SESSION_EVENT_TYPES, TRANSACTION_EVENT_TYPES } from '../deliveries/transaction-notification.js';
import { WebhookEndpointsRepository } from '../webhook-endpoints/webhook-endpoints.repository.js';
import type { NewEvent } from './event.mapper.js';
import { EventsRepository } from './events.repository.js';

const CHARGE_EVENT_TYPES = TRANSACTION_EVENT_TYPES.filter((type) => !SESSION_EVENT_TYPES.includes(type));

/**
 * Which hidden endpoints of single transactions an event is for. A session's events name the session;
 * a refund's or a dispute's name the PaymentIntent, which the endpoint learns from
 * `checkout.session.completed`. Either may be recorded first (they come from different services), so on
 * learning it the endpoint is also owed the charge events already recorded for that PaymentIntent.
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
  async endpointsFor(manager: EntityManager, owner: Caller, event: NewEvent): Promise<string[]> {
    if (!isTransactionEventType(event.type)) return [];
    const object = event.data.object as { id?: unknown; payment_intent?: unknown };
    if (SESSION_EVENT_TYPES.includes(event.type)) {
      if (typeof object.id !== 'string') return [];
      const targets = await this.endpoints.findForTransaction(manager, owner, { transaction: object.id });
      if (event.type === 'checkout.session.completed' && typeof object.payment_intent === 'string') {
        for (const target of targets) await this.learnPaymentIntent(manager, owner, target.id, object.payment_intent);
      }
      return targets.map((target) => target.id);
    }
    if (typeof object.payment_intent !== 'string') return [];
    return (await this.endpoints.findForTransaction(manager, owner, { paymentIntent: object.payment_intent })).map((target) => target.id);
  }

  private async learnPaymentIntent(manager: EntityManager, owner: Caller, endpointId: string, paymentIntent: string): Promise<void> {
    await this.endpoints.setTransactionPaymentIntent(manager, endpointId, paymentIntent);
    for (const earlier of await this.events.idsAboutPaymentIntent(manager, owner, CHARGE_EVENT_TYPES, paymentIntent)) {
      await this.deliveries.insertPending(manager, earlier, owner, [endpointId]);
      await this.events.addPendingWebhooks(manager, earlier, 1);
    }
  }
}
