import { Injectable } from '@nestjs/common';
import { newId } from '@payrail/domain';
import type { EntityManager } from 'typeorm';
import { assertBalanced, type LedgerOwner, type NewJournalEntry } from './journal-entry.js';

/** Postgres's name for the floor check: an entry that would take an account below its floor. */
export const FLOOR_CONSTRAINT = 'ledger_accounts_balance_above_floor';

export interface PostedEntry {
  id: string;
  /** Account id per `code:currency` of the entry's lines. */
  accounts: Map<string, string>;
}

/**
 * The one way money is written: an entry and its postings, in the caller's transaction. Balances are
 * folded in by the database (see the CreateLedger migration), which also refuses an unbalanced entry
 * at commit and a balance below its floor at once.
 */
@Injectable()
export class JournalRepository {
  /** Writes the entry unless its source key was recorded before; null when it was (exactly once). */
  async post(manager: EntityManager, entry: NewJournalEntry): Promise<PostedEntry | null> {
    const lines = entry.lines.filter((line) => line.amount !== 0);
    assertBalanced(lines);
    const id = newId('je');
    const inserted = (await manager.query(
      `INSERT INTO "ledger"."journal_entries" ("id", "merchant_id", "livemode", "kind", "source_key") VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ON CONSTRAINT "journal_entries_source_key" DO NOTHING RETURNING "id"`,
      [id, entry.owner.merchantId, entry.owner.livemode, entry.kind, entry.sourceKey],
    )) as unknown[];
    if (inserted.length === 0) return null;
    const accounts = await this.existingAccounts(manager, entry.owner, lines);
    for (const line of lines) {
      const key = `${line.code}:${line.currency}`;
      if (!accounts.has(key)) accounts.set(key, await this.accountId(manager, entry.owner, line.code, line.currency, line.floor ?? null));
    }
    // One account's postings in account order, so that two entries touching the same accounts lock them
    // in the same order and cannot deadlock.
    const ordered = lines.map((line) => ({ ...line, accountId: accounts.get(`${line.code}:${line.currency}`)! })).sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0));
    await manager.query(
      `INSERT INTO "ledger"."postings" ("entry_id", "account_id", "currency", "amount")
       SELECT $1, "account_id", "currency", "amount" FROM unnest($2::text[], $3::text[], $4::bigint[]) AS lines("account_id", "currency", "amount")`,
      [id, ordered.map((line) => line.accountId), ordered.map((line) => line.currency), ordered.map((line) => String(line.amount))],
    );
    return { id, accounts };
  }

  /** The accounts of these lines that exist already, per `code:currency`, in one round trip rather than one per line. */
  private async existingAccounts(manager: EntityManager, owner: LedgerOwner, lines: ReadonlyArray<{ code: string; currency: string }>): Promise<Map<string, string>> {
    const found = (await manager.query(
      `SELECT "code", "currency", "id" FROM "ledger"."ledger_accounts"
       WHERE "merchant_id" = $1 AND "livemode" = $2 AND ("code", "currency") IN (SELECT * FROM unnest($3::text[], $4::text[]))`,
      [owner.merchantId, owner.livemode, lines.map((line) => line.code), lines.map((line) => line.currency)],
    )) as Array<{ code: string; currency: string; id: string }>;
    return new Map(found.map((account) => [`${account.code}:${account.currency}`, account.id]));
  }

  /** The account for this code and currency, made on first use. */
  async accountId(manager: EntityManager, owner: LedgerOwner, code: string, currency: string, floor: number | null): Promise<string> {
    const found = (await manager.query(
      `SELECT "id" FROM "ledger"."ledger_accounts" WHERE "merchant_id" = $1 AND "livemode" = $2 AND "code" = $3 AND "currency" = $4`,
      [owner.merchantId, owner.livemode, code, currency],
    )) as Array<{ id: string }>;
    if (found.length > 0) return found[0].id;
    await manager.query(
      `INSERT INTO "ledger"."ledger_accounts" ("id", "merchant_id", "livemode", "code", "currency", "floor") VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT ON CONSTRAINT "ledger_accounts_code_key" DO NOTHING`,
      [newId('la'), owner.merchantId, owner.livemode, code, currency, floor === null ? null : String(floor)],
    );
    const [made] = (await manager.query(
      `SELECT "id" FROM "ledger"."ledger_accounts" WHERE "merchant_id" = $1 AND "livemode" = $2 AND "code" = $3 AND "currency" = $4`,
      [owner.merchantId, owner.livemode, code, currency],
    )) as Array<{ id: string }>;
    return made.id;
  }
}

/** Whether `error` is Postgres refusing a balance below its account's floor. */
export function isBelowFloor(error: unknown): boolean {
  const driverError = (error as { driverError?: { constraint?: string } }).driverError ?? (error as { constraint?: string });
  return driverError?.constraint === FLOOR_CONSTRAINT;
}
