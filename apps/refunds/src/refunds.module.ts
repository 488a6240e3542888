import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceNames } from '@payrail/contracts';
import { MessagingModule, type ServiceRuntime } from '@payrail/messaging';
import { DatabaseModule } from '@payrail/persistence';
import { PingHandler } from './health/ping.handler.js';
import { CreateRefunds1764000000000 } from './migrations/1764000000000-CreateRefunds.js';
import { RefundEntity } from './refunds/refund.entity.js';
import { RefundsHandler } from './refunds/refunds.handler.js';
import { RefundsRepository } from './refunds/refunds.repository.js';
import { RefundsService } from './refunds/refunds.service.js';

export const REFUNDS_SCHEMA = 'refunds';

@Module({})
export class RefundsModule {
  static forRoot(runtime: ServiceRuntime): DynamicModule {
    return {
      module: RefundsModule,
      imports: [
        DatabaseModule.forRoot({
          url: runtime.databaseUrl,
          schema: REFUNDS_SCHEMA,
          entities: [RefundEntity],
          migrations: [CreateRefunds1764000000000],
        }),
        MessagingModule.forService({ service: ServiceNames.Refunds, broker: runtime.broker, outboxRelay: runtime.outboxRelay }),
      ],
      controllers: [RefundsHandler, PingHandler],
      providers: [RefundsRepository, RefundsService],
    };
  }
}
