import type { EntityManager } from 'typeorm';
import { accountKey, type LockedAccount } from '../journal/journal.repository.js';
import type { LedgerOwner } from '../journal/journal-entry.js';
import { TransferAccountEntity } from '../transfer-accounts/transfer-account.entity.js';

export interface PartyKey {
  merchantId: string;
  livemode: boolean;
  id: string;
}

interface PartyRow {
  merchant_id: string;
  livemode: boolean;
  id: string;
  currency: string;
  status: TransferAccountEntity['status'];
  description: string | null;
  external_reference: string | null;
  metadata: Record<string, string>;
  idempotency_key: string | null;
  created_at: string;
}

interface AccountRow {
  id: string;
  merchant_id: string;
  livemode: boolean;
  code: string;
  currency: string;
  balance: number;
}

/**
 * A batch's locks in ONE statement, for a batch whose ledger accounts all exist: its parties FOR SHARE (their
 * status cannot change under it), then those ledger accounts FOR NO KEY UPDATE in id order — the order, and
 * the locks, TransferAccountsRepository.lockMany then JournalRepository.lockBalances take in two. Answers
 * the parties that exist, and the accounts by `accountKey` with their balances.
 */
export async function lockPartiesAndAccounts(
  manager: EntityManager,
  parties: readonly PartyKey[],
  accounts: ReadonlyArray<{ owner: LedgerOwner; code: string; currency: string }>,
): Promise<{ parties: TransferAccountEntity[]; accounts: Map<string, LockedAccount> }> {
  const [row] = (await manager.query(
    `WITH "parties" AS (
        SELECT ta."merchant_id", ta."livemode", ta."id", ta."currency", ta."status", ta."description", ta."external_reference", ta."metadata", ta."idempotency_key", ta."created_at"
          FROM "ledger"."transfer_accounts" AS ta
         WHERE (ta."merchant_id", ta."livemode", ta."id") IN (SELECT * FROM unnest($1::text[], $2::boolean[], $3::text[]))
         ORDER BY ta."merchant_id", ta."livemode", ta."id" FOR SHARE OF ta),
      "accounts" AS (
        SELECT a."id", a."merchant_id", a."livemode", a."code", a."currency", a."balance"::float8 AS "balance"
          FROM "ledger"."ledger_accounts" AS a
         WHERE (a."merchant_id", a."livemode", a."code", a."currency") IN (SELECT * FROM unnest($4::text[], $5::boolean[], $6::text[], $7::text[]))
           -- Read first (an InitPlan): the parties are locked before any account is.
           AND (SELECT count(*) FROM "parties") >= 0
         ORDER BY a."id" FOR NO KEY UPDATE OF a)
     SELECT (SELECT COALESCE(json_agg("parties"), '[]') FROM "parties") AS "parties", (SELECT COALESCE(json_agg("accounts"), '[]') FROM "accounts") AS "accounts"`,
    [
      parties.map((party) => party.merchantId),
      parties.map((party) => party.livemode),
      parties.map((party) => party.id),
      accounts.map((account) => account.owner.merchantId),
      accounts.map((account) => account.owner.livemode),
      accounts.map((account) => account.code),
      accounts.map((account) => account.currency),
    ],
  )) as Array<{ parties: PartyRow[]; accounts: AccountRow[] }>;
  return {
    parties: row.parties.map((party) =>
      Object.assign(new TransferAccountEntity(), {
        merchantId: party.merchant_id,
        livemode: party.livemode,
        id: party.id,
        currency: party.currency,
        status: party.status,
        description: party.description,
        externalReference: party.external_reference,
        metadata: party.metadata,
        idempotencyKey: party.idempotency_key,
        createdAt: new Date(party.created_at),
      }),
    ),
    accounts: new Map(row.accounts.map((account) => [accountKey({ merchantId: account.merchant_id, livemode: account.livemode }, account.code, account.currency), { id: account.id, balance: account.balance }])),
  };
}
