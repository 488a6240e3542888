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
import { RoutabilityCheck } from './payment-intents/routability-check.js';
import { CustomerEntity } from './customers/customer.entity.js';
import { CustomersHandler } from './customers/customers.handler.js';
import { CustomersRepository } from './customers/customers.repository.js';
import { CustomersService } from './customers/customers.service.js';
import { CreatePaymentMethodsAndCustomers1764200000000 } from './migrations/1764200000000-CreatePaymentMethodsAndCustomers.js';
import { PaymentMethodEntity } from './payment-methods/payment-method.entity.js';
import { PaymentMethodResolver } from './payment-methods/payment-method-resolver.js';
import { PaymentMethodsHandler } from './payment-methods/payment-methods.handler.js';
import { PaymentMethodsRepository } from './payment-methods/payment-methods.repository.js';
import { PaymentMethodsService } from './payment-methods/payment-methods.service.js';

import { AddPaymentIntentLifecycle1764300000000 } from './migrations/1764300000000-AddPaymentIntentLifecycle.js';
import { GatewayCallbacksConsumer } from './payment-intents/gateway-callbacks.consumer.js';
import { ProcessingReconciliationRepository } from './payment-intents/processing-reconciliation.repository.js';
import { ScheduleReconciliation1767200000000 } from './migrations/1767200000000-ScheduleReconciliation.js';
import { RecordChargeGateway1767400000000 } from './migrations/1767400000000-RecordChargeGateway.js';
import { MarkDisputedCharges1766600000000 } from './migrations/1766600000000-MarkDisputedCharges.js';
import { AddMpesaPaymentMethods1768311000000 } from './migrations/1768311000000-AddMpesaPaymentMethods.js';
import { RecordChargeUpi1769200000000 } from './migrations/1769200000000-RecordChargeUpi.js';
import { IndexInboxHandledAt1769600000000 } from './migrations/1769600000000-IndexInboxHandledAt.js';
import { RecordIdempotencyAndInFlightSteps1765000000000 } from './migrations/1765000000000-RecordIdempotencyAndInFlightSteps.js';
import { ConfirmationRecovery } from './payment-intents/confirmation-recovery.js';
import { PROCESSING_SWEEP_OPTIONS } from './payment-intents/processing-sweep-options.js';
import { ProcessingSweeper } from './payment-intents/processing-sweeper.js';
import { CustomerCheck } from './payment-intents/customer-check.js';
import { PaymentIntentSettlementsService } from './payment-intents/payment-intent-settlements.service.js';
import { PaymentLinks } from './payment-intents/payment-links.js';
import { PaymentOutcomes } from './payment-intents/payment-outcomes.js';
import { ThreeDSecureService } from './payment-intents/three-d-secure.service.js';
import { ResourceExpander } from './expansion/resource-expander.js';
import { loadPaymentsConfig } from './config/payments.config.js';
import { CheckoutSessionEntity } from './checkout-sessions/checkout-session.entity.js';
import { CheckoutSessionsHandler } from './checkout-sessions/checkout-sessions.handler.js';
import { CheckoutSessionsRepository } from './checkout-sessions/checkout-sessions.repository.js';
import { CheckoutSessionsService } from './checkout-sessions/checkout-sessions.service.js';
import { CheckoutSessionLifecycle } from './checkout-sessions/checkout-session-lifecycle.js';
import { HostedCheckoutService } from './checkout-sessions/hosted-checkout.service.js';
import { CheckoutExpirySweeper } from './checkout-sessions/checkout-expiry.sweeper.js';
import { CheckoutCompletionConsumer } from './checkout-sessions/checkout-completion.consumer.js';
import { CreateCheckoutSessions1767300000000 } from './migrations/1767300000000-CreateCheckoutSessions.js';
import { RecordCheckoutOrderFingerprints1768400000000 } from './migrations/1768400000000-RecordCheckoutOrderFingerprints.js';

export const PAYMENTS_SCHEMA = 'payments';

@Module({})
export class PaymentsModule {
  static forRoot(runtime: ServiceRuntime): DynamicModule {
    const config = loadPaymentsConfig(runtime.env);
    return {
      module: PaymentsModule,
      imports: [
        DatabaseModule.forRoot({
          url: runtime.databaseUrl,
          schema: PAYMENTS_SCHEMA,
          entities: [PaymentIntentEntity, ChargeEntity, PaymentMethodEntity, CustomerEntity, CheckoutSessionEntity],
          migrations: [CreatePaymentIntentsAndCharges1764000000000, CreatePaymentMethodsAndCustomers1764200000000, AddPaymentIntentLifecycle1764300000000, RecordIdempotencyAndInFlightSteps1765000000000, MarkDisputedCharges1766600000000, ScheduleReconciliation1767200000000, CreateCheckoutSessions1767300000000, RecordChargeGateway1767400000000, AddMpesaPaymentMethods1768311000000, RecordCheckoutOrderFingerprints1768400000000, RecordChargeUpi1769200000000, IndexInboxHandledAt1769600000000],
        }),
        MessagingModule.forService({ service: ServiceNames.Payments, broker: runtime.broker, outboxRelay: runtime.outboxRelay, metrics: runtime.metrics }),
      ],
      controllers: [PaymentIntentsHandler, ChargesHandler, PingHandler, PaymentMethodsHandler, CustomersHandler, GatewayCallbacksConsumer, CheckoutSessionsHandler, CheckoutCompletionConsumer],
      providers: [PaymentIntentsRepository, PaymentIntentsService, ChargesRepository, ChargesService, PaymentMethodsRepository, PaymentMethodsService, PaymentMethodResolver, CustomersRepository, CustomersService,
        { provide: PaymentLinks, useValue: new PaymentLinks(config.publicUrl) }, PaymentOutcomes, PaymentIntentSettlementsService, ThreeDSecureService, CustomerCheck, RoutabilityCheck, ResourceExpander,
        ConfirmationRecovery, ProcessingReconciliationRepository, ProcessingSweeper, { provide: PROCESSING_SWEEP_OPTIONS, useValue: config.processingSweep },
        CheckoutSessionsRepository, CheckoutSessionsService, CheckoutSessionLifecycle, HostedCheckoutService, CheckoutExpirySweeper],
    };
  }
}
