import { Inject, Injectable } from '@nestjs/common';
import type { Caller, CheckoutNotificationsEvent, CheckTransactionWebhookParams, CreateTransactionWebhookParams } from '@payrail/contracts';
import { newId } from '@payrail/domain';
import { Inbox, TransactionalOutbox } from '@payrail/messaging';
import { newWebhookSecret } from '@payrail/signing';
import type { EntityManager } from 'typeorm';
import { WEBHOOK_DISPATCH_CONFIG, type WebhookDispatchConfig } from '../config/webhook-dispatch.config.js';
import { TRANSACTION_EVENT_TYPES } from '../deliveries/transaction-notification.js';
import { EventsRepository } from '../events/events.repository.js';
import { TransactionTargets } from '../events/transaction-targets.js';
import { checkUrl } from './create-webhook-endpoint.params.js';
import { endpointSecretBox } from './endpoint-secret-box.js';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository.js';

const CHECKOUT_NOTIFICATIONS_CONSUMER = 'webhook-dispatch.checkout-notifications';

/**
 * The gateway API document's per-payment `webhook_url`: a hidden endpoint for one transaction, under the
 * same destination rules as every other endpoint, sent nothing but that transaction's events, in the document's
 * payload and signed with the merchant's signing key (see deliveries/transaction-notification.ts).
 *
 * The edge checks the URL (`check`) before the payment exists; payments writes the target with the session
 * and announces it on an internal topic, from which it is learnt here exactly once (`learn`). There is no
 * moment at which the payment exists and its notifications could not follow, and no endpoint without a payment.
 */
@Injectable()
export class TransactionWebhooksService {
  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly events: EventsRepository,
    private readonly targets: TransactionTargets,
    private readonly inbox: Inbox,
    private readonly outbox: TransactionalOutbox,
    @Inject(WEBHOOK_DISPATCH_CONFIG) private readonly config: WebhookDispatchConfig,
  ) {}

  check(caller: Caller, params: CheckTransactionWebhookParams): { url: string } {
    return { url: checkUrl(params.url, caller.livemode, this.config.allowPrivateNetworksInTestMode) };
  }

  /** Applies one event of payments' internal topic, once however often it is delivered; returns how many deliveries it made due. */
  async learn(event: CheckoutNotificationsEvent): Promise<number> {
    const owner: Caller = { merchantId: event.merchantId, livemode: event.livemode };
    let owed = 0;
    await this.inbox.handleOnce(CHECKOUT_NOTIFICATIONS_CONSUMER, event.id, async ({ manager }) => {
      // Most sessions have no notification target (it is announced before their PaymentIntent, on the same key).
      if (event.type === 'checkout.payment_intent.attached' && !(await this.endpoints.findOfTransaction(manager, owner, event.data.object.session))) return;
      await this.events.lockMerchantEvents(manager, owner.merchantId);
      if (event.type === 'checkout.notification_target.created') {
        const target = event.data.object;
        // The URL was checked by `check` when the payment was asked for; the sender checks every address it connects to.
        owed = (await this.insert(manager, owner, { url: target.url, transaction_id: target.session, order_id: target.order_id, signing_key: target.signing_key })).owed;
        return;
      }
      for (const endpoint of await this.endpoints.findForTransaction(manager, owner, { transaction: event.data.object.session })) {
        owed += await this.targets.learnPaymentIntent(manager, owner, endpoint.id, event.data.object.payment_intent);
      }
    });
    return owed;
  }

  /** A transaction's hidden endpoint by request: the session's one if it has one already. */
  async create(caller: Caller, params: CreateTransactionWebhookParams): Promise<{ id: string }> {
    const url = checkUrl(params.url, caller.livemode, this.config.allowPrivateNetworksInTestMode);
    return this.outbox.run(async ({ manager }) => {
      await this.events.lockMerchantEvents(manager, caller.merchantId);
      const { id } = await this.insert(manager, caller, { ...params, url });
      return { id };
    });
  }

  private async insert(manager: EntityManager, owner: Caller, params: CreateTransactionWebhookParams): Promise<{ id: string; owed: number }> {
    const id = newId('we');
    const now = new Date();
    const made = await this.endpoints.insertForTransaction(manager, {
      id,
      merchantId: owner.merchantId,
      livemode: owner.livemode,
      url: params.url,
      enabledEvents: [...TRANSACTION_EVENT_TYPES],
      status: 'enabled',
      description: `Notifications of ${params.transaction_id}`,
      apiVersion: null,
      metadata: {},
      // Never used to sign (the merchant's signing key does), but the column is required.
      secretSealed: endpointSecretBox(this.config.secretsKey).seal(newWebhookSecret('payrail'), id),
      signatureScheme: 'payrail',
      retrySchedule: null,
      previousSecretSealed: null,
      previousSecretExpiresAt: null,
      failingSince: null,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
      transaction: { id: params.transaction_id, order_id: params.order_id ?? null, signing_key: params.signing_key, payment_intent: null },
    });
    if (!made) return { id: (await this.endpoints.findOfTransaction(manager, owner, params.transaction_id))!.id, owed: 0 };
    return { id, owed: await this.targets.adopt(manager, owner, id, params.transaction_id) };
  }
}
