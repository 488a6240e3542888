import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceNames } from '@payrail/contracts';
import { MessagingModule, type ServiceRuntime } from '@payrail/messaging';
import { DatabaseModule } from '@payrail/persistence';
import { ChargeEntity } from './charges/charge.entity.js';
import { ChargesHandler } from './charges/charges.handler.js';
import { ChargesRepository } from './charges/charges.repository.js';
import { ChargesService } from './charges/charges.service.js';
import { PingHandler } from './health/ping.handler.js';
import { CreatePaymentIntentsAndCharges1764000000000 } from './migrations/1764000000000-CreatePaymentIntentsAndCharges.js';
import { PaymentIntentEntity } from './payment-intents/payment-intent.entity.js';
import { PaymentIntentsHandler } from './payment-intents/payment-intents.handler.js';
import { PaymentIntentsRepository } from './payment-intents/payment-intents.repository.js';
import { PaymentIntentsService } from './payment-intents/payment-intents.service.js';

export const PAYMENTS_SCHEMA = 'payments';

@Module({})
export class PaymentsModule {
  static forRoot(runtime: ServiceRuntime): DynamicModule {
    return {
      module: PaymentsModule,
      imports: [
        DatabaseModule.forRoot({
          url: runtime.databaseUrl,
          schema: PAYMENTS_SCHEMA,
          entities: [PaymentIntentEntity, ChargeEntity],
          migrations: [CreatePaymentIntentsAndCharges1764000000000],
        }),
        MessagingModule.forService({ service: ServiceNames.Payments, broker: runtime.broker }),
      ],
      controllers: [PaymentIntentsHandler, ChargesHandler, PingHandler],
      providers: [PaymentIntentsRepository, PaymentIntentsService, ChargesRepository, ChargesService],
    };
  }
}
