import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceNames } from '@payrail/contracts';
import { MessagingModule, type ServiceRuntime } from '@payrail/messaging';
import { DatabaseModule } from '@payrail/persistence';
import { GatewayCallbackEntity } from './callbacks/gateway-callback.entity.js';
import { GatewayCallbacksHandler } from './callbacks/gateway-callbacks.handler.js';
import { GatewayCallbacksRepository } from './callbacks/gateway-callbacks.repository.js';
import { GatewayCallbacksService } from './callbacks/gateway-callbacks.service.js';
import { SandboxDisputes } from './callbacks/sandbox-disputes.js';
import { CreateGatewayCallbacks1766600000000 } from './migrations/1766600000000-CreateGatewayCallbacks.js';
import { SandboxDisputeSink } from './connectors/sandbox/sandbox-dispute-sink.js';
import { AuthorizationsHandler } from './authorizations/authorizations.handler.js';
import { AuthorizationsService } from './authorizations/authorizations.service.js';
import { LostStkPushes } from './authorizations/lost-stk-pushes.js';
import { PendingAuthorizationsService } from './authorizations/pending-authorizations.service.js';
import { MpesaCallbacksService } from './callbacks/mpesa-callbacks.service.js';
import { CanceledIntentsConsumer } from './authorizations/canceled-intents.consumer.js';
import { LateGatewayPaymentsService } from './authorizations/late-gateway-payments.service.js';
import { LatePaymentWatchesRepository } from './authorizations/late-payment-watches.repository.js';
import { LatePaymentsSweeper } from './authorizations/late-payments.sweeper.js';
import { LatePaymentsRepository } from './authorizations/late-payments.repository.js';
import { SettlementsService } from './authorizations/settlements.service.js';
import { GATEWAY_CONNECTORS_CONFIG, loadGatewayConnectorsConfig } from './config/gateway-connectors.config.js';
import { GatewayAccountEntity } from './gateway-accounts/gateway-account.entity.js';
import { GatewayAccountSecrets } from './gateway-accounts/gateway-account-secrets.js';
import { GatewayAccountsHandler } from './gateway-accounts/gateway-accounts.handler.js';
import { GatewayAccountsRepository } from './gateway-accounts/gateway-accounts.repository.js';
import { GatewayAccountsService } from './gateway-accounts/gateway-accounts.service.js';
import { PostgresGatewayAccountSource } from './gateway-accounts/postgres-gateway-account-source.js';
import { PingHandler } from './health/ping.handler.js';
import { CreateGatewayTransactions1764000000000 } from './migrations/1764000000000-CreateGatewayTransactions.js';
import { RecordCapturesVoidsAndAuthentication1764300000000 } from './migrations/1764300000000-RecordCapturesVoidsAndAuthentication.js';
import { CreateSandboxJournal1765000000000 } from './migrations/1765000000000-CreateSandboxJournal.js';
import { CreateGatewayAccounts1766000000000 } from './migrations/1766000000000-CreateGatewayAccounts.js';
import { CreateRoutingRulesAttemptsAndCircuits1767000000000 } from './migrations/1767000000000-CreateRoutingRulesAttemptsAndCircuits.js';
import { AuthorizationAttemptsRepository } from './failover/authorization-attempts.repository.js';
import { CIRCUIT_BREAKER_POLICY, CIRCUIT_CLOCK, CircuitBreaker, CircuitStore, DEFAULT_CIRCUIT_BREAKER_POLICY } from './failover/circuit-breaker.js';
import { FailoverAuthorizer } from './failover/failover-authorizer.js';
import { PostgresCircuitStore } from './failover/postgres-circuit-store.js';
import { GatewayHealthHandler } from './health/gateway-health.handler.js';
import { GatewayHealthService } from './health/gateway-health.service.js';
import { GatewayProber } from './health/gateway-prober.js';
import { GatewayProbesRepository } from './health/gateway-probes.repository.js';
import { RecordGatewayProbes1767400000000 } from './migrations/1767400000000-RecordGatewayProbes.js';
import { RecordAuthenticationRedirects1767500000000 } from './migrations/1767500000000-RecordAuthenticationRedirects.js';
import { WatchLatePayments1767950000000 } from './migrations/1767950000000-WatchLatePayments.js';
import { RecordGatewayFees1769100000000 } from './migrations/1769100000000-RecordGatewayFees.js';
import { RecordUpiPayers1769200000000 } from './migrations/1769200000000-RecordUpiPayers.js';
import { AwaitGatewayFees1769400000000 } from './migrations/1769400000000-AwaitGatewayFees.js';
import { RecordGatewaySettlements1769500000000 } from './migrations/1769500000000-RecordGatewaySettlements.js';
import { IndexInboxHandledAt1769600000000 } from './migrations/1769600000000-IndexInboxHandledAt.js';
import { AwaitedGatewayFeesRepository } from './gateway-fees/awaited-gateway-fees.repository.js';
import { GatewayFeeBackfill } from './gateway-fees/gateway-fee-backfill.js';
import { RoutingRuleEntity } from './routing-rules/routing-rule.entity.js';
import { RoutingRulesHandler } from './routing-rules/routing-rules.handler.js';
import { RoutingRulesRepository } from './routing-rules/routing-rules.repository.js';
import { RoutingRulesService } from './routing-rules/routing-rules.service.js';
import { RoutePlanner } from './routing/route-planner.js';
import { ConnectorRefundsHandler } from './refunds/connector-refunds.handler.js';
import { ConnectorRefundsService } from './refunds/connector-refunds.service.js';
import { AuthorizationRouteEntity } from './routing/authorization-route.entity.js';
import { AuthorizationRoutesRepository } from './routing/authorization-routes.repository.js';
import { ConnectorRegistry } from './routing/connector-registry.js';
import { GatewayAccountSource } from './routing/gateway-account-source.js';
import { CONNECTOR_FACTORIES, type ConnectorFactory } from './routing/payment-connector.js';
import { SandboxConnectorFactory } from './connectors/sandbox/sandbox-connector.factory.js';
import { RazorpayConnectorFactory } from './connectors/razorpay/razorpay-connector.factory.js';
import { MpesaConnectorFactory } from './connectors/mpesa/mpesa-connector.factory.js';
import { StripeConnectorFactory } from './connectors/stripe/stripe-connector.factory.js';
import { GatewayHttpClient } from './http/gateway-http-client.js';
import { PostgresSandboxJournal, SandboxJournal } from './connectors/sandbox/sandbox-journal.js';
import { SandboxConnector } from './connectors/sandbox/sandbox.connector.js';
import { CardTokensHandler } from './tokens/card-tokens.handler.js';
import { CardTokensService } from './tokens/card-tokens.service.js';
import { SandboxCardTokenizer } from './tokens/sandbox-card-tokenizer.js';
import { GatewayTransactionEntity } from './transactions/gateway-transaction.entity.js';
import { FollowUpTransactionsService } from './transactions/follow-up-transactions.service.js';
import { GatewayTransactionsRepository } from './transactions/gateway-transactions.repository.js';

export const CONNECTORS_SCHEMA = 'connectors';

/** Every gateway this deployment can talk to: one ConnectorFactory each, a line each. */
const CONNECTOR_FACTORY_CLASSES = [SandboxConnectorFactory, StripeConnectorFactory, RazorpayConnectorFactory, MpesaConnectorFactory];

@Module({})
export class GatewayConnectorsModule {
  static forRoot(runtime: ServiceRuntime): DynamicModule {
    const config = loadGatewayConnectorsConfig(runtime.env);
    return {
      module: GatewayConnectorsModule,
      imports: [
        DatabaseModule.forRoot({
          url: runtime.databaseUrl,
          schema: CONNECTORS_SCHEMA,
          entities: [GatewayTransactionEntity, GatewayAccountEntity, AuthorizationRouteEntity, RoutingRuleEntity, GatewayCallbackEntity],
          migrations: [
            CreateGatewayTransactions1764000000000,
            RecordCapturesVoidsAndAuthentication1764300000000,
            CreateSandboxJournal1765000000000,
            CreateGatewayAccounts1766000000000,
            CreateGatewayCallbacks1766600000000,
            CreateRoutingRulesAttemptsAndCircuits1767000000000,
            RecordGatewayProbes1767400000000,
            RecordAuthenticationRedirects1767500000000,
            WatchLatePayments1767950000000,
            RecordGatewayFees1769100000000,
            RecordUpiPayers1769200000000,
            AwaitGatewayFees1769400000000,
            RecordGatewaySettlements1769500000000,
            IndexInboxHandledAt1769600000000,
          ],
        }),
        MessagingModule.forService({ service: ServiceNames.GatewayConnectors, broker: runtime.broker, outboxRelay: runtime.outboxRelay, metrics: runtime.metrics }),
      ],
      controllers: [
        AuthorizationsHandler,
        ConnectorRefundsHandler,
        PingHandler,
        CardTokensHandler,
        GatewayAccountsHandler,
        RoutingRulesHandler,
        GatewayHealthHandler,
        GatewayCallbacksHandler,
        CanceledIntentsConsumer,
      ],
      providers: [
        { provide: GATEWAY_CONNECTORS_CONFIG, useValue: config },
        { provide: SandboxJournal, useClass: PostgresSandboxJournal },
        SandboxConnector,
        GatewayHttpClient,
        ...CONNECTOR_FACTORY_CLASSES,
        { provide: CONNECTOR_FACTORIES, useFactory: (...factories: ConnectorFactory[]) => factories, inject: CONNECTOR_FACTORY_CLASSES },
        { provide: GatewayAccountSecrets, useValue: new GatewayAccountSecrets(config.secretsKey) },
        GatewayAccountsRepository,
        { provide: GatewayAccountSource, useClass: PostgresGatewayAccountSource },
        ConnectorRegistry,
        AuthorizationRoutesRepository,
        RoutingRulesRepository,
        RoutingRulesService,
        RoutePlanner,
        AuthorizationAttemptsRepository,
        { provide: CIRCUIT_BREAKER_POLICY, useValue: DEFAULT_CIRCUIT_BREAKER_POLICY },
        { provide: CIRCUIT_CLOCK, useValue: () => new Date() },
        { provide: CircuitStore, useClass: PostgresCircuitStore },
        CircuitBreaker,
        FailoverAuthorizer,
        GatewayHealthService,
        GatewayProbesRepository,
        GatewayProber,
        GatewayAccountsService,
        GatewayTransactionsRepository,
        FollowUpTransactionsService,
        LatePaymentsRepository,
        LateGatewayPaymentsService,
        LatePaymentWatchesRepository,
        LatePaymentsSweeper,
        AwaitedGatewayFeesRepository,
        GatewayFeeBackfill,
        AuthorizationsService,
        SettlementsService,
        ConnectorRefundsService,
        SandboxCardTokenizer,
        CardTokensService,
        GatewayCallbacksRepository,
        GatewayCallbacksService,
        PendingAuthorizationsService,
        LostStkPushes,
        MpesaCallbacksService,
        SandboxDisputes,
        { provide: SandboxDisputeSink, useExisting: SandboxDisputes },
      ],
    };
  }
}
