import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceNames } from '@payrail/contracts';
import { MessagingModule, type ServiceRuntime } from '@payrail/messaging';
import { DatabaseModule } from '@payrail/persistence';
import { loadWebhookDispatchConfig, WEBHOOK_DISPATCH_CONFIG } from './config/webhook-dispatch.config.js';
import { DeliveriesRepository } from './deliveries/deliveries.repository.js';
import { DeliveriesHandler } from './deliveries/deliveries.handler.js';
import { DeliveriesService } from './deliveries/deliveries.service.js';
import { DeliveryLogService } from './deliveries/delivery-log.service.js';
import { DeliveryAttemptEntity } from './deliveries/delivery-attempt.entity.js';
import { DeliveryDispatcher } from './deliveries/delivery-dispatcher.js';
import { DeliverySettler } from './deliveries/delivery-settler.js';
import { DeliveryEntity } from './deliveries/delivery.entity.js';
import { WebhookSender } from './deliveries/webhook-sender.js';
import { EventEntity } from './events/event.entity.js';
import { EventsConsumer } from './events/events.consumer.js';
import { EventsHandler } from './events/events.handler.js';
import { EventsRepository } from './events/events.repository.js';
import { EventRecorder } from './events/event-recorder.js';
import { EventsService } from './events/events.service.js';
import { PingHandler } from './health/ping.handler.js';
import { CreateWebhookDispatch1764000000000 } from './migrations/1764000000000-CreateWebhookDispatch.js';
import { AddEndpointPoliciesAndAttemptDetails1765000000000 } from './migrations/1765000000000-AddEndpointPoliciesAndAttemptDetails.js';
import { AddTransactionWebhooks1768400000000 } from './migrations/1768400000000-AddTransactionWebhooks.js';
import { AddDeliveryResendRequested1768500000000 } from './migrations/1768500000000-AddDeliveryResendRequested.js';
import { AddTransactionWebhookLifecycle1768600000000 } from './migrations/1768600000000-AddTransactionWebhookLifecycle.js';
import { BackfillTransactionWebhookEndings1768600000001 } from './migrations/1768600000001-BackfillTransactionWebhookEndings.js';
import { AddEventTraceparent1769000000000 } from './migrations/1769000000000-AddEventTraceparent.js';
import { AddEventOccurredIndex1769100000000 } from './migrations/1769100000000-AddEventOccurredIndex.js';
import { IndexInboxHandledAt1769600000000 } from './migrations/1769600000000-IndexInboxHandledAt.js';
import { TransactionNotifications } from './deliveries/transaction-notification.js';
import { TransactionTargets } from './events/transaction-targets.js';
import { CheckoutNotificationsConsumer } from './webhook-endpoints/checkout-notifications.consumer.js';
import { TransactionWebhookSweeper } from './webhook-endpoints/transaction-webhook.sweeper.js';
import { TransactionWebhooksHandler } from './webhook-endpoints/transaction-webhooks.handler.js';
import { TransactionWebhooksService } from './webhook-endpoints/transaction-webhooks.service.js';
import { WebhookEndpointEntity } from './webhook-endpoints/webhook-endpoint.entity.js';
import { WebhookEndpointsHandler } from './webhook-endpoints/webhook-endpoints.handler.js';
import { WebhookEndpointsRepository } from './webhook-endpoints/webhook-endpoints.repository.js';
import { WebhookEndpointsService } from './webhook-endpoints/webhook-endpoints.service.js';

export const WEBHOOK_DISPATCH_SCHEMA = 'webhooks';

@Module({})
export class WebhookDispatchModule {
  static forRoot(runtime: ServiceRuntime): DynamicModule {
    const config = loadWebhookDispatchConfig(runtime.env);
    return {
      module: WebhookDispatchModule,
      imports: [
        DatabaseModule.forRoot({
          url: runtime.databaseUrl,
          schema: WEBHOOK_DISPATCH_SCHEMA,
          entities: [WebhookEndpointEntity, EventEntity, DeliveryEntity, DeliveryAttemptEntity],
          migrations: [CreateWebhookDispatch1764000000000, AddEndpointPoliciesAndAttemptDetails1765000000000, AddTransactionWebhooks1768400000000, AddDeliveryResendRequested1768500000000, AddTransactionWebhookLifecycle1768600000000, BackfillTransactionWebhookEndings1768600000001, AddEventTraceparent1769000000000, AddEventOccurredIndex1769100000000, IndexInboxHandledAt1769600000000],
        }),
        MessagingModule.forService({ service: ServiceNames.WebhookDispatch, broker: runtime.broker, outboxRelay: runtime.outboxRelay, metrics: runtime.metrics }),
      ],
      controllers: [WebhookEndpointsHandler, TransactionWebhooksHandler, CheckoutNotificationsConsumer, EventsHandler, DeliveriesHandler, EventsConsumer, PingHandler],
      providers: [
        { provide: WEBHOOK_DISPATCH_CONFIG, useValue: config },
        WebhookEndpointsRepository,
        WebhookEndpointsService,
        EventsRepository,
        EventsService,
        EventRecorder,
        DeliveriesRepository,
        DeliveriesService,
        DeliverySettler,
        DeliveryLogService,
        WebhookSender,
        DeliveryDispatcher,
        TransactionWebhooksService,
        TransactionTargets,
        TransactionNotifications,
        TransactionWebhookSweeper,
      ],
    };
  }
}
