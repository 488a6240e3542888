import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceNames } from '@payrail/contracts';
import { MessagingModule, type ServiceRuntime } from '@payrail/messaging';
import { DatabaseModule } from '@payrail/persistence';
import { AuthorizationsHandler } from './authorizations/authorizations.handler.js';
import { AuthorizationsService } from './authorizations/authorizations.service.js';
import { SettlementsService } from './authorizations/settlements.service.js';
import { GATEWAY_CONNECTORS_CONFIG, loadGatewayConnectorsConfig } from './config/gateway-connectors.config.js';
import { PingHandler } from './health/ping.handler.js';
import { CreateGatewayTransactions1764000000000 } from './migrations/1764000000000-CreateGatewayTransactions.js';
import { RecordCapturesVoidsAndAuthentication1764300000000 } from './migrations/1764300000000-RecordCapturesVoidsAndAuthentication.js';
import { CreateSandboxJournal1765000000000 } from './migrations/1765000000000-CreateSandboxJournal.js';
import { ConnectorRefundsHandler } from './refunds/connector-refunds.handler.js';
import { ConnectorRefundsService } from './refunds/connector-refunds.service.js';
import { ConnectorRegistry } from './routing/connector-registry.js';
import { PostgresSandboxJournal, SandboxJournal } from './simulator/sandbox-journal.js';
import { SANDBOX_CONNECTOR, SandboxConnector } from './simulator/sandbox.connector.js';
import { CardTokensHandler } from './tokens/card-tokens.handler.js';
import { CardTokensService } from './tokens/card-tokens.service.js';
import { SandboxCardTokenizer } from './tokens/sandbox-card-tokenizer.js';
import { GatewayTransactionEntity } from './transactions/gateway-transaction.entity.js';
import { FollowUpTransactionsService } from './transactions/follow-up-transactions.service.js';
import { GatewayTransactionsRepository } from './transactions/gateway-transactions.repository.js';

export const CONNECTORS_SCHEMA = 'connectors';

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
          entities: [GatewayTransactionEntity],
          migrations: [CreateGatewayTransactions1764000000000, RecordCapturesVoidsAndAuthentication1764300000000, CreateSandboxJournal1765000000000],
        }),
        MessagingModule.forService({ service: ServiceNames.GatewayConnectors, broker: runtime.broker, outboxRelay: runtime.outboxRelay }),
      ],
      controllers: [AuthorizationsHandler, ConnectorRefundsHandler, PingHandler, CardTokensHandler],
      providers: [
        { provide: GATEWAY_CONNECTORS_CONFIG, useValue: config },
        { provide: SandboxJournal, useClass: PostgresSandboxJournal },
        SandboxConnector,
        {
          provide: ConnectorRegistry,
          useFactory: (sandbox: SandboxConnector) => new ConnectorRegistry([sandbox], SANDBOX_CONNECTOR),
          inject: [SandboxConnector],
        },
        GatewayTransactionsRepository,
        FollowUpTransactionsService,
        AuthorizationsService,
        SettlementsService,
        ConnectorRefundsService,
        SandboxCardTokenizer,
        CardTokensService,
      ],
    };
  }
}
