import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { spendable } from '../journal/journal-entry.js';
import { JournalRepository } from '../journal/journal.repository.js';
import { TransferAccountsService } from '../transfer-accounts/transfer-accounts.service.js';

/** The document's test accounts, in test mode only: two funded, one empty (for the insufficient-funds scenario). */
export const SANDBOX_ACCOUNTS = [
  { id: 'test_acc_001', currency: 'usd', funding: 1_000_000, description: 'Sandbox test account 1 (funded)' },
  { id: 'test_acc_002', currency: 'usd', funding: 500_000, description: 'Sandbox test account 2 (funded)' },
  { id: 'test_acc_empty', currency: 'usd', funding: 0, description: 'Sandbox test account with no funds' },
] as const;

@Injectable()
export class SandboxAccountsSeeder {
  constructor(
    private readonly accounts: TransferAccountsService,
    private readonly journal: JournalRepository,
  ) {}

  async seed(manager: EntityManager, merchantId: string): Promise<void> {
    const owner = { merchantId, livemode: false };
    for (const account of SANDBOX_ACCOUNTS) {
      const opened = await this.accounts.open(manager, {
        ...owner,
        id: account.id,
        currency: account.currency,
        status: 'active',
        description: account.description,
        externalReference: null,
        metadata: {},
        idempotencyKey: null,
        createdAt: new Date(),
      });
      if (!opened || account.funding === 0) continue;
      await this.journal.post(manager, {
        owner,
        kind: 'sandbox_funding',
        sourceKey: `sandbox_funding:${account.id}`,
        lines: [
          { code: 'sandbox_funding', currency: account.currency, amount: -account.funding },
          { code: spendable(account.id), currency: account.currency, amount: account.funding, floor: 0 },
        ],
      });
    }
  }
}
