import { Inject, Injectable } from '@nestjs/common';
import { Topics } from '@payrail/contracts';
import { newEvent, TransactionalOutbox } from '@payrail/messaging';
import { PeriodicTask } from '@payrail/persistence';
import { BalanceTransactionsRepository } from '../balance-transactions/balance-transactions.repository.js';
import { toBalanceResource } from '../balances/balance.mapper.js';
import { BalancesRepository } from '../balances/balances.repository.js';
import { SETTLEMENT_OPTIONS, type SettlementOptions } from '../config/ledger.config.js';
import { LEDGER_ACCOUNT_CODES as Codes } from '../journal/journal-entry.js';
import { JournalRepository } from '../journal/journal.repository.js';

const BATCH = 200;

/**
 * Moves a charge's net from the merchant's pending to its available balance once the payout delay has
 * passed: one journal entry per balance transaction (source key `settle:<txn>`, so a pass that overlaps
 * another replica's settles each once), and `balance.available` for each merchant whose funds moved.
 */
@Injectable()
export class SettlementSweeper extends PeriodicTask {
  constructor(
    private readonly outbox: TransactionalOutbox,
    private readonly transactions: BalanceTransactionsRepository,
    private readonly journal: JournalRepository,
    private readonly balances: BalancesRepository,
    @Inject(SETTLEMENT_OPTIONS) options: SettlementOptions,
  ) {
    super(SettlementSweeper.name, options.intervalMs);
  }

  async runOnce(): Promise<number> {
    let settled = 0;
    // The embedded Postgres is one session: a transaction held open to find nothing would stall every service.
    if (!(await this.transactions.anyMatured())) return settled;
    while (!this.stopped) {
      const count = await this.settleBatch();
      settled += count;
      if (count < BATCH) break;
    }
    return settled;
  }

  private settleBatch(): Promise<number> {
    return this.outbox.run(async ({ manager, publish }) => {
      const matured = await this.transactions.claimMatured(manager, BATCH);
      const owners = new Map<string, { merchantId: string; livemode: boolean }>();
      for (const transaction of matured) {
        const owner = { merchantId: transaction.merchantId, livemode: transaction.livemode };
        const net = Number(transaction.net);
        await this.journal.post(manager, {
          owner,
          kind: 'settlement',
          sourceKey: `settle:${transaction.id}`,
          lines: [
            { code: Codes.MerchantPending, currency: transaction.currency, amount: -net },
            { code: Codes.MerchantAvailable, currency: transaction.currency, amount: net },
          ],
        });
        await this.transactions.markAvailable(manager, transaction.id);
        owners.set(`${owner.merchantId}:${owner.livemode}`, owner);
      }
      for (const owner of owners.values()) {
        const balance = toBalanceResource(await this.balances.merchantBalances(owner, manager), owner.livemode);
        await publish(Topics.LedgerEvents, newEvent('balance.available', owner, `balance_${owner.merchantId}`, balance));
      }
      return matured.length;
    });
  }
}
