import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceNames } from '@payrail/contracts';
import { MessagingModule, type ServiceRuntime } from '@payrail/messaging';
import { DatabaseModule } from '@payrail/persistence';
import { DisputeEntity } from './disputes/dispute.entity.js';
import { DisputesHandler } from './disputes/disputes.handler.js';
import { DisputesRepository } from './disputes/disputes.repository.js';
import { DisputesService } from './disputes/disputes.service.js';
import { loadRefundsConfig, REFUND_RECONCILIATION_OPTIONS } from './config/refunds.config.js';
import { GatewayCallbacksConsumer } from './gateway-callbacks/gateway-callbacks.consumer.js';
import { PingHandler } from './health/ping.handler.js';
import { ScheduleRefundReconciliation1767200000000 } from './migrations/1767200000000-ScheduleRefundReconciliation.js';
import { AddRefundIdempotencyKey1767900000000 } from './migrations/1767900000000-AddRefundIdempotencyKey.js';
import { IndexInboxHandledAt1769600000000 } from './migrations/1769600000000-IndexInboxHandledAt.js';
import { RefundReconciler } from './reconciliation/refund-reconciler.js';
import { RefundReconciliationRepository } from './reconciliation/refund-reconciliation.repository.js';
import { CreateDisputes1766600000000 } from './migrations/1766600000000-CreateDisputes.js';
import { CreateRefunds1764000000000 } from './migrations/1764000000000-CreateRefunds.js';
import { RefundEntity } from './refunds/refund.entity.js';
import { RefundsHandler } from './refunds/refunds.handler.js';
import { RefundsRepository } from './refunds/refunds.repository.js';
import { RefundsService } from './refunds/refunds.service.js';

export const REFUNDS_SCHEMA = 'refunds';

@Module({})
export class RefundsModule {
  static forRoot(runtime: ServiceRuntime): DynamicModule {
    const config = loadRefundsConfig(runtime.env);
    return {
      module: RefundsModule,
      imports: [
        DatabaseModule.forRoot({
          url: runtime.databaseUrl,
          schema: REFUNDS_SCHEMA,
          entities: [RefundEntity, DisputeEntity],
          migrations: [CreateRefunds1764000000000, CreateDisputes1766600000000, ScheduleRefundReconciliation1767200000000, AddRefundIdempotencyKey1767900000000, IndexInboxHandledAt1769600000000],
        }),
        MessagingModule.forService({ service: ServiceNames.Refunds, broker: runtime.broker, outboxRelay: runtime.outboxRelay, metrics: runtime.metrics }),
      ],
      controllers: [RefundsHandler, DisputesHandler, GatewayCallbacksConsumer, PingHandler],
      providers: [RefundsRepository, RefundsService, DisputesRepository, DisputesService, RefundReconciliationRepository, RefundReconciler,
        { provide: REFUND_RECONCILIATION_OPTIONS, useValue: config.reconciliation }],
    };
  }
}
