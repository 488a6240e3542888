import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceNames } from '@payrail/contracts';
import { MessagingModule, type ServiceRuntime } from '@payrail/messaging';
import { DatabaseModule } from '@payrail/persistence';
import { BalanceTransactionEntity } from './balance-transactions/balance-transaction.entity.js';
import { BalanceTransactionsRepository } from './balance-transactions/balance-transactions.repository.js';
import { BalancesHandler } from './balances/balances.handler.js';
import { BalancesRepository } from './balances/balances.repository.js';
import { BalancesService } from './balances/balances.service.js';
import { LEDGER_CLOCK, loadLedgerConfig, SETTLEMENT_OPTIONS, TRANSFER_SETTLEMENT_OPTIONS, type Clock } from './config/ledger.config.js';
import { ConnectorsEventsConsumer } from './gateway-costs/connectors-events.consumer.js';
import { GatewayCostsRepository } from './gateway-costs/gateway-costs.repository.js';
import { GatewayCostsService } from './gateway-costs/gateway-costs.service.js';
import { PricingCostsHandler } from './gateway-costs/pricing-costs.handler.js';
import { PricingCostsService } from './gateway-costs/pricing-costs.service.js';
import { PingHandler } from './health/ping.handler.js';
import { JournalRepository } from './journal/journal.repository.js';
import { LEDGER_MIGRATIONS } from './ledger.migrations.js';
import { ReportingHandler } from './reporting/reporting.handler.js';
import { ReportingRepository } from './reporting/reporting.repository.js';
import { ReportingService } from './reporting/reporting.service.js';
import { SandboxAccountsConsumer } from './sandbox-accounts/sandbox-accounts.consumer.js';
import { SandboxAccountsSeeder } from './sandbox-accounts/sandbox-accounts.seeder.js';
import { TransferAccountEntity } from './transfer-accounts/transfer-account.entity.js';
import { TransferAccountsHandler } from './transfer-accounts/transfer-accounts.handler.js';
import { TransferAccountsRepository } from './transfer-accounts/transfer-accounts.repository.js';
import { TransferAccountsService } from './transfer-accounts/transfer-accounts.service.js';
import { TransferEntity } from './transfers/transfer.entity.js';
import { TransferSettler } from './transfers/transfer-settler.js';
import { TransferWriter } from './transfers/transfer-writer.js';
import { TransfersHandler } from './transfers/transfers.handler.js';
import { TransfersRepository } from './transfers/transfers.repository.js';
import { TransfersService } from './transfers/transfers.service.js';
import { PlatformEventsConsumer } from './postings/platform-events.consumer.js';
import { PlatformPostingsService } from './postings/platform-postings.service.js';
import { PricingPlansHandler } from './pricing/pricing-plans.handler.js';
import { PricingPlansRepository } from './pricing/pricing-plans.repository.js';
import { PricingPlansService } from './pricing/pricing-plans.service.js';
import { SettlementSweeper } from './settlement/settlement-sweeper.js';

export const LEDGER_SCHEMA = 'ledger';

@Module({})
export class LedgerModule {
  static forRoot(runtime: ServiceRuntime): DynamicModule {
    const config = loadLedgerConfig(runtime.env);
    return {
      module: LedgerModule,
      imports: [
        DatabaseModule.forRoot({
          url: runtime.databaseUrl,
          schema: LEDGER_SCHEMA,
          entities: [BalanceTransactionEntity, TransferAccountEntity, TransferEntity],
          migrations: LEDGER_MIGRATIONS,
        }),
        MessagingModule.forService({ service: ServiceNames.Ledger, broker: runtime.broker, outboxRelay: runtime.outboxRelay, metrics: runtime.metrics }),
      ],
      controllers: [BalancesHandler, ReportingHandler, PricingPlansHandler, TransferAccountsHandler, TransfersHandler, PlatformEventsConsumer, ConnectorsEventsConsumer, PricingCostsHandler, SandboxAccountsConsumer, PingHandler],
      providers: [
        JournalRepository,
        PricingPlansRepository,
        PricingPlansService,
        GatewayCostsService,
        GatewayCostsRepository,
        PricingCostsService,
        BalanceTransactionsRepository,
        BalancesRepository,
        BalancesService,
        ReportingRepository,
        ReportingService,
        PlatformPostingsService,
        SettlementSweeper,
        TransferAccountsRepository,
        TransferAccountsService,
        SandboxAccountsSeeder,
        TransfersRepository,
        TransfersService,
        TransferWriter,
        TransferSettler,
        { provide: SETTLEMENT_OPTIONS, useValue: config.settlement },
        { provide: TRANSFER_SETTLEMENT_OPTIONS, useValue: config.transfers },
        { provide: LEDGER_CLOCK, useValue: (() => new Date()) satisfies Clock },
      ],
    };
  }
}
