import type { LedgerAccountResource } from '@payrail/contracts';
import type { TransferAccountEntity } from './transfer-account.entity.js';
import type { AccountBalances } from './transfer-accounts.repository.js';

export function toLedgerAccountResource(entity: TransferAccountEntity, balances: AccountBalances | undefined): LedgerAccountResource {
  return {
    id: entity.id,
    object: 'ledger_account',
    currency: entity.currency,
    status: entity.status,
    available_balance: balances?.available ?? 0,
    pending_balance: balances?.pending ?? 0,
    description: entity.description,
    external_reference: entity.externalReference,
    metadata: entity.metadata,
    created: Math.floor(entity.createdAt.getTime() / 1000),
    livemode: entity.livemode,
  };
}
