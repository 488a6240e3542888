import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceNames } from '@payrail/contracts';
import { MessagingModule, type ServiceRuntime } from '@payrail/messaging';
import { DatabaseModule } from '@payrail/persistence';
import { BalanceTransactionEntity } from './balance-transactions/balance-transaction.entity.js';
import { BalanceTransactionsRepository } from './balance-transactions/balance-transactions.repository.js';
import { BalancesHandler } from './balances/balances.handler.js';
import { BalancesRepository } from './balances/balances.repository.js';
import { BalancesService } from './balances/balances.service.js';
import { loadLedgerConfig, SETTLEMENT_OPTIONS } from './config/ledger.config.js';
import { PingHandler } from './health/ping.handler.js';
import { JournalRepository } from './journal/journal.repository.js';
import { CreateLedger1767700000000 } from './migrations/1767700000000-CreateLedger.js';
import { PlatformEventsConsumer } from './postings/platform-events.consumer.js';
import { PlatformPostingsService } from './postings/platform-postings.service.js';
import { PricingPlansRepository } from './pricing/pricing-plans.repository.js';
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
          entities: [BalanceTransactionEntity],
          migrations: [CreateLedger1767700000000],
        }),
        MessagingModule.forService({ service: ServiceNames.Ledger, broker: runtime.broker, outboxRelay: runtime.outboxRelay }),
      ],
      controllers: [BalancesHandler, PlatformEventsConsumer, PingHandler],
      providers: [
        JournalRepository,
        PricingPlansRepository,
        BalanceTransactionsRepository,
        BalancesRepository,
        BalancesService,
        PlatformPostingsService,
        SettlementSweeper,
        { provide: SETTLEMENT_OPTIONS, useValue: config.settlement },
      ],
    };
  }
}
