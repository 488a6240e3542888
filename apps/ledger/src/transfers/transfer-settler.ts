import { Inject, Injectable } from '@nestjs/common';
import { Topics } from '@payrail/contracts';
import { newEvent, TransactionalOutbox } from '@payrail/messaging';
import { PeriodicTask } from '@payrail/persistence';
import { TRANSFER_SETTLEMENT_OPTIONS, type TransferSettlementOptions } from '../config/ledger.config.js';
import { incoming, spendable } from '../journal/journal-entry.js';
import { JournalRepository } from '../journal/journal.repository.js';
import { TransferAccountsRepository } from '../transfer-accounts/transfer-accounts.repository.js';
import { toTransferResource } from './transfer.mapper.js';
import type { TransferEntity } from './transfer.entity.js';
import { TransfersRepository, type TransferOutcome } from './transfers.repository.js';
import { TransfersService } from './transfers.service.js';

const BATCH = 100;
/** ACH return codes the sandbox lets a test ask for (NACHA's): the transfer comes back at settlement. */
const SANDBOX_RETURN_CODES: Record<string, string> = {
  R01: 'insufficient_funds',
  R02: 'account_closed',
  R03: 'no_account',
  R04: 'invalid_account_number',
  R10: 'unauthorized_debit',
};

/**
 * Settles asynchronous transfers once their window has passed: the held amount leaves the receiver's
 * incoming balance for its spendable one (COMPLETED), or, for a test-mode ACH transfer whose metadata
 * carries `sandbox_return_code`, goes back to the sender (RETURNED with that code; the fee stays paid).
 */
@Injectable()
export class TransferSettler extends PeriodicTask {
  constructor(
    private readonly outbox: TransactionalOutbox,
    private readonly transfers: TransfersRepository,
    private readonly accounts: TransferAccountsRepository,
    private readonly journal: JournalRepository,
    private readonly service: TransfersService,
    @Inject(TRANSFER_SETTLEMENT_OPTIONS) options: TransferSettlementOptions,
  ) {
    super(TransferSettler.name, options.intervalMs);
  }

  async runOnce(): Promise<number> {
    let settled = 0;
    // The embedded Postgres is one session: a transaction held open to find nothing would stall every service.
    if (!(await this.transfers.anyDue())) return settled;
    while (!this.stopped) {
      const count = await this.outbox.run(async (unit) => {
        const due = await this.transfers.claimDue(unit.manager, BATCH);
        for (const transfer of due) {
          const caller = { merchantId: transfer.merchantId, livemode: transfer.livemode };
          const outcome = outcomeOf(transfer);
          const amount = Number(transfer.amount);
          const back = outcome.kind === 'returned';
          await this.journal.post(unit.manager, {
            owner: caller,
            kind: back ? 'transfer_return' : 'transfer_settlement',
            sourceKey: `transfer_settled:${transfer.id}`,
            lines: [
              { code: incoming(transfer.toAccount), currency: transfer.currency, amount: -amount, floor: 0 },
              { code: spendable(back ? transfer.fromAccount : transfer.toAccount), currency: transfer.currency, amount, floor: 0 },
            ],
          });
          if (!(await this.transfers.settle(unit.manager, transfer.id, outcome))) continue;
          const after = toTransferResource((await this.transfers.findOwned(caller, transfer.id, unit.manager))!);
          await unit.publish(Topics.LedgerEvents, newEvent(back ? 'transaction.failed' : 'transaction.completed', caller, transfer.id, after));
          const parties = await Promise.all([transfer.fromAccount, transfer.toAccount].map((id) => this.accounts.findOwned(caller, id, unit.manager)));
          await this.service.announceBalances(unit, caller, parties.filter((party) => party !== null));
        }
        return due.length;
      });
      settled += count;
      if (count < BATCH) break;
    }
    return settled;
  }
}

function outcomeOf(transfer: TransferEntity): TransferOutcome {
  const code = transfer.metadata.sandbox_return_code;
  const ach = transfer.paymentType === 'ACH_CREDIT' || transfer.paymentType === 'ACH_DEBIT';
  if (!transfer.livemode && ach && code !== undefined && Object.hasOwn(SANDBOX_RETURN_CODES, code)) {
    return { kind: 'returned', returnCode: code, failureReason: SANDBOX_RETURN_CODES[code] };
  }
  return { kind: 'completed' };
}
