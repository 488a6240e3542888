import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ServiceNames } from '@payrail/contracts';
import { MessagingModule, type MessageBroker } from '@payrail/messaging';
import { ApiKeyGuard } from './authentication/api-key.guard.js';
import { DocsController } from './docs/docs.controller.js';
import { EventsController } from './events/events.controller.js';
import { HealthController } from './health/health.controller.js';
import { PaymentIntentsController } from './payment-intents/payment-intents.controller.js';
import { RefundsController } from './refunds/refunds.controller.js';
import { WebhookEndpointsController } from './webhook-endpoints/webhook-endpoints.controller.js';

@Module({})
export class ApiGatewayModule {
  static forRoot(options: { broker: MessageBroker }): DynamicModule {
    return {
      module: ApiGatewayModule,
      imports: [MessagingModule.forClient({ service: ServiceNames.ApiGateway, broker: options.broker })],
      controllers: [
        HealthController,
        DocsController,
        PaymentIntentsController,
        RefundsController,
        WebhookEndpointsController,
        EventsController,
      ],
      providers: [{ provide: APP_GUARD, useClass: ApiKeyGuard }],
    };
  }
}
