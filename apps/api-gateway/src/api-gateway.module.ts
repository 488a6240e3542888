import { Module, type DynamicModule, type LogLevel } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ServiceNames } from '@payrail/contracts';
import { MessagingModule, type MessageBroker, type PayrailMetrics } from '@payrail/messaging';
import { DatabaseModule } from '@payrail/persistence';
import { ApiKeyStrategy } from './authentication/api-key.strategy.js';
import { AuthenticationGuard } from './authentication/authentication.guard.js';
import { DocsController } from './docs/docs.controller.js';
import { EventsController } from './events/events.controller.js';
import { HealthController } from './health/health.controller.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { PaymentIntentsController } from './payment-intents/payment-intents.controller.js';
import { RefundsController } from './refunds/refunds.controller.js';
import { WebhookEndpointsController } from './webhook-endpoints/webhook-endpoints.controller.js';
import { PaymentMethodsController } from './payment-methods/payment-methods.controller.js';
import { CustomersController } from './customers/customers.controller.js';
import { IdempotencyKeyEntity } from './idempotency/idempotency-key.entity.js';
import { IdempotencyModule } from './idempotency/idempotency.module.js';
import { CreateIdempotencyKeys1764100000000 } from './migrations/1764100000000-CreateIdempotencyKeys.js';
import { ChargesController } from './charges/charges.controller.js';
import { ReceiptsController } from './receipts/receipts.controller.js';
import { ThreeDSecureController } from './three-d-secure/three-d-secure.controller.js';
import { ApiKeysController } from './api-keys/api-keys.controller.js';
import { AccountController } from './account/account.controller.js';
import { RequestNonceEntity } from './request-signing/request-nonce.entity.js';
import { RequestSigningModule } from './request-signing/request-signing.module.js';
import { CreateRequestNonces1764500000000 } from './migrations/1764500000000-CreateRequestNonces.js';
import { OAuthModule } from './oauth/oauth.module.js';
import type { EdgeSettings } from './config/edge.config.js';
import { DashboardAuthModule } from './dashboard-auth/dashboard-auth.module.js';
import { UsersController } from './users/users.controller.js';
import { OAuthClientsController } from './oauth-clients/oauth-clients.controller.js';
import { SigningKeysController } from './signing-keys/signing-keys.controller.js';
import { GatewayAccountsController } from './gateway-accounts/gateway-accounts.controller.js';
import { GatewaysController } from './gateway-accounts/gateways.controller.js';
import { RoutingRulesController } from './routing-rules/routing-rules.controller.js';
import { CallbacksController } from './callbacks/callbacks.controller.js';
import { DisputesController } from './disputes/disputes.controller.js';
import { streamProviders } from './streams/stream.providers.js';
import { BalanceController } from './balance/balance.controller.js';
import { ReportingSummaryService } from './reporting/reporting-summary.service.js';
import { ReportingController } from './reporting/reporting.controller.js';
import { GatewayApiDashboardController } from './surfaces/gateway-api/dashboard.controller.js';
import { GatewayApiClientController } from './surfaces/gateway-api/client.controller.js';
import { GatewayApiGatewaysController } from './surfaces/gateway-api/gateways.controller.js';
import { GatewayApiRefundsController } from './surfaces/gateway-api/refunds.controller.js';
import { LedgerAccountsController } from './ledger-accounts/ledger-accounts.controller.js';
import { TransfersController } from './transfers/transfers.controller.js';
import { PricingPlanController } from './pricing-plan/pricing-plan.controller.js';
import { PaymentEngineController } from './surfaces/payment-engine/payment-engine.controller.js';
import { RateLimitsModule } from './rate-limits/rate-limits.module.js';
import { RequestLogsModule } from './request-logs/request-logs.module.js';
import { RequestLogEntity } from './request-logs/request-log.entity.js';
import { CreateRequestLogs1765000000000 } from './migrations/1765000000000-CreateRequestLogs.js';
import { CheckoutSessionsController } from './checkout-sessions/checkout-sessions.controller.js';
import { HostedCheckoutController } from './hosted-checkout/hosted-checkout.controller.js';
import { GatewayApiPaymentsController } from './surfaces/gateway-api/payments.controller.js';
import { GatewayApiPaymentCreation } from './surfaces/gateway-api/payment-creation.js';
import { MpesaApiController } from './surfaces/mpesa-api/mpesa-api.controller.js';

/** The edge's own schema: what it must remember across replicas and restarts (idempotency keys, nonces, request logs). */
export const GATEWAY_SCHEMA = 'gateway';

export interface EdgeOptions extends EdgeSettings {
  broker: MessageBroker;
  databaseUrl: string;
  /** The most verbose level logged (LOG_LEVEL; default `log`). */
  logLevel?: LogLevel;
  /** The process's metrics registry (a private one when unset); `GET /metrics` serves it when `metricsEndpoint`. */
  metrics?: PayrailMetrics;
}

@Module({})
export class ApiGatewayModule {
  static forRoot(options: EdgeOptions): DynamicModule {
    return {
      module: ApiGatewayModule,
      imports: [
        MessagingModule.forClient({ service: ServiceNames.ApiGateway, broker: options.broker, metrics: options.metrics }),
        DatabaseModule.forRoot({
          url: options.databaseUrl,
          schema: GATEWAY_SCHEMA,
          entities: [IdempotencyKeyEntity, RequestNonceEntity, RequestLogEntity],
          migrations: [CreateIdempotencyKeys1764100000000, CreateRequestNonces1764500000000, CreateRequestLogs1765000000000],
        }),
        // Before IdempotencyModule: its interceptor must not take a key for a request the limits refuse.
        // First, so that its middleware times and records every request, refusals by the limits included.
        RequestLogsModule.forRoot({ retentionDays: options.requestLogRetentionDays, logLevel: options.logLevel ?? 'log' }),
        RateLimitsModule.forRoot({ redisUrl: options.redisUrl, overrides: options.rateLimits }),
        IdempotencyModule.forRoot({ secretsKey: options.secretsKey, leaseSeconds: options.idempotencyLeaseSeconds }),
        RequestSigningModule,
        OAuthModule.forRoot({ revocationPollMs: options.revocationPollMs }),
        DashboardAuthModule,
      ],
      controllers: [
        HealthController,
        DocsController,
        PaymentIntentsController,
        RefundsController,
        WebhookEndpointsController,
        EventsController,
        PaymentMethodsController,
        CustomersController,
        ChargesController,
        ThreeDSecureController,
        ReceiptsController,
        ApiKeysController,
        AccountController,
        UsersController,
        OAuthClientsController,
        SigningKeysController,
        GatewayAccountsController,
        GatewaysController,
        RoutingRulesController,
        CallbacksController,
        DisputesController,
        BalanceController,
        ReportingController,
        LedgerAccountsController,
        TransfersController,
        PricingPlanController,
        PaymentEngineController,
        CheckoutSessionsController,
        HostedCheckoutController,
        GatewayApiPaymentsController,
        MpesaApiController,
        GatewayApiDashboardController,
        GatewayApiRefundsController,
        GatewayApiClientController,
        GatewayApiGatewaysController,
        ...(options.metricsEndpoint ? [MetricsController] : []),
      ],
      providers: [ApiKeyStrategy, { provide: APP_GUARD, useClass: AuthenticationGuard }, ReportingSummaryService, GatewayApiPaymentCreation, ...streamProviders(options.streamLimits)],
    };
  }
}
