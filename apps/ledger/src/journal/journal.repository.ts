import { Injectable } from '@nestjs/common';
import { newId } from '@payrail/domain';
import type { UnitOfWork } from '@payrail/messaging';
import type { EntityManager } from 'typeorm';
import { assertBalanced, type LedgerOwner, type NewJournalEntry, type PostingLine } from './journal-entry.js';

/** Postgres's name for the floor check: an entry that would take an account below its floor. */
export const FLOOR_CONSTRAINT = 'ledger_accounts_balance_above_floor';

/** A ledger account locked for the rest of a transaction, and its balance then. */
export interface LockedAccount {
  id: string;
  balance: number;
}

export interface PostedEntry {
  id: string;
  /** Account id per `code:currency` of the entry's lines. */
  accounts: Map<string, string>;
}

/**
 * The one way money is written: entries and their postings, in the caller's transaction. Balances are
 * folded in by the database (the CreateLedger and FoldPostingsPerStatement migrations), which also refuses an unbalanced entry
 * at commit and a balance below its floor at once.
 */
@Injectable()
export class JournalRepository {
  /** Writes the entry unless its source key was recorded before; null when it was (exactly once). */
  async post(manager: EntityManager, entry: NewJournalEntry): Promise<PostedEntry | null> {
    return (await this.postMany(manager, [entry]))[0];
  }

  /**
   * Writes these entries in three statements whatever their number (entries, then every posting at once,
   * folded into the balances once per account by the database); null for each entry whose source key was
   * recorded before, or earlier in the same list (exactly once).
   */
  async postMany(manager: EntityManager, entries: readonly NewJournalEntry[]): Promise<Array<PostedEntry | null>> {
    const prepared = prepareEntries(entries);
    const inserted = (await manager.query(
      `INSERT INTO "ledger"."journal_entries" ("id", "merchant_id", "livemode", "kind", "source_key")
       SELECT * FROM unnest($1::text[], $2::text[], $3::boolean[], $4::text[], $5::text[])
       ON CONFLICT ON CONSTRAINT "journal_entries_source_key" DO NOTHING RETURNING "id"`,
      [
        prepared.map((p) => p.id),
        prepared.map((p) => p.entry.owner.merchantId),
        prepared.map((p) => p.entry.owner.livemode),
        prepared.map((p) => p.entry.kind),
        prepared.map((p) => p.entry.sourceKey),
      ],
    )) as Array<{ id: string }>;
    const written = new Set(inserted.map((row) => row.id));
    const posted = prepared.filter((p) => written.has(p.id));
    if (posted.length === 0) return prepared.map(() => null);
    const wanted = posted.flatMap((p) => p.lines.map((line) => ({ owner: p.entry.owner, code: line.code, currency: line.currency, floor: line.floor ?? null })));
    let accounts = await this.existingAccounts(manager, wanted);
    const missing = wanted.filter((w) => !accounts.has(accountKey(w.owner, w.code, w.currency)));
    if (missing.length > 0) {
      // Made in key order, so that two writers making the same accounts cannot each wait for the other's.
      await this.ensureAccounts(manager, missing);
      accounts = await this.existingAccounts(manager, wanted);
    }
    const rows = postingsInAccountOrder(posted, (owner, line) => accounts.get(accountKey(owner, line.code, line.currency))!);
    await manager.query(
      `INSERT INTO "ledger"."postings" ("entry_id", "account_id", "currency", "amount")
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[])`,
      [rows.map((row) => row.entryId), rows.map((row) => row.accountId), rows.map((row) => row.currency), rows.map((row) => String(row.amount))],
    );
    return prepared.map(({ id, entry, lines }) =>
      written.has(id) ? { id, accounts: new Map(lines.map((line) => [`${line.code}:${line.currency}`, accounts.get(accountKey(entry.owner, line.code, line.currency))!])) } : null,
    );
  }

  /**
   * Makes these accounts where missing, in one statement and in key order, before the caller locks any
   * balance: an account made later in a transaction that already holds balance locks waits for another
   * writer making the same account, which may itself wait for those locks (a deadlock on real Postgres).
   */
  async ensureAccounts(manager: EntityManager, wanted: ReadonlyArray<{ owner: LedgerOwner; code: string; currency: string; floor: number | null }>): Promise<void> {
    const byKey = new Map(wanted.map((w) => [accountKey(w.owner, w.code, w.currency), w]));
    const sorted = [...byKey.keys()].sort().map((key) => byKey.get(key)!);
    if (sorted.length === 0) return;
    await manager.query(
      `INSERT INTO "ledger"."ledger_accounts" ("id", "merchant_id", "livemode", "code", "currency", "floor")
       SELECT * FROM unnest($1::text[], $2::text[], $3::boolean[], $4::text[], $5::text[], $6::bigint[])
       ON CONFLICT ON CONSTRAINT "ledger_accounts_code_key" DO NOTHING`,
      [
        sorted.map(() => newId('la')),
        sorted.map((w) => w.owner.merchantId),
        sorted.map((w) => w.owner.livemode),
        sorted.map((w) => w.code),
        sorted.map((w) => w.currency),
        sorted.map((w) => (w.floor === null ? null : String(w.floor))),
      ],
    );
  }

  /**
   * Locks these accounts (those that exist) for the rest of the transaction, in id order, and reads their
   * balances: what a writer that checks funds itself before posting must hold, so that no other writer
   * moves the balances between its check and its postings. Keyed by `accountKey`. NO KEY UPDATE, the lock the
   * balance update takes, so that it never conflicts with the KEY SHARE a posting's foreign key takes.
   */
  async lockBalances(manager: EntityManager, wanted: ReadonlyArray<{ owner: LedgerOwner; code: string; currency: string }>): Promise<Map<string, LockedAccount>> {
    const found = (await manager.query(
      `SELECT a."id", a."merchant_id", a."livemode", a."code", a."currency", a."balance"::float8 AS "balance" FROM "ledger"."ledger_accounts" AS a
       WHERE (a."merchant_id", a."livemode", a."code", a."currency") IN (SELECT * FROM unnest($1::text[], $2::boolean[], $3::text[], $4::text[]))
       ORDER BY a."id" FOR NO KEY UPDATE OF a`,
      [wanted.map((w) => w.owner.merchantId), wanted.map((w) => w.owner.livemode), wanted.map((w) => w.code), wanted.map((w) => w.currency)],
    )) as Array<{ id: string; merchant_id: string; livemode: boolean; code: string; currency: string; balance: number }>;
    return new Map(found.map((row) => [accountKey({ merchantId: row.merchant_id, livemode: row.livemode }, row.code, row.currency), { id: row.id, balance: row.balance }]));
  }

  /**
   * Posts entries whose source keys are new by construction (a fresh transfer id's), on accounts the caller
   * has locked (`accounts`, by `accountKey`), at the end of the unit of work: written with its events in one
   * statement (see UnitOfWork.insertAtEnd), the balances folded by the database then. No ON CONFLICT: a
   * source key recorded before fails the unit.
   */
  postNewAtEnd(unit: Pick<UnitOfWork, 'insertAtEnd'>, entries: readonly NewJournalEntry[], accounts: ReadonlyMap<string, LockedAccount>): void {
    const prepared = prepareEntries(entries);
    const postings = postingsInAccountOrder(prepared, (owner, line) => {
      const account = accounts.get(accountKey(owner, line.code, line.currency));
      if (!account) throw new Error(`ledger account ${line.code} (${line.currency}) was not locked before posting to it`);
      return account.id;
    });
    unit.insertAtEnd({
      table: `"ledger"."journal_entries"`,
      columns: [
        ['id', 'text'],
        ['merchant_id', 'text'],
        ['livemode', 'boolean'],
        ['kind', 'text'],
        ['source_key', 'text'],
      ],
      rows: prepared.map(({ id, entry }) => [id, entry.owner.merchantId, entry.owner.livemode, entry.kind, entry.sourceKey]),
    });
    unit.insertAtEnd({
      table: `"ledger"."postings"`,
      columns: [
        ['entry_id', 'text'],
        ['account_id', 'text'],
        ['currency', 'text'],
        ['amount', 'bigint'],
      ],
      rows: postings.map((posting) => [posting.entryId, posting.accountId, posting.currency, String(posting.amount)]),
    });
  }

  /** The accounts of these lines that exist already, per `accountKey`, in one round trip rather than one per line. */
  private async existingAccounts(manager: EntityManager, wanted: ReadonlyArray<{ owner: LedgerOwner; code: string; currency: string }>): Promise<Map<string, string>> {
    const found = (await manager.query(
      `SELECT "merchant_id", "livemode", "code", "currency", "id" FROM "ledger"."ledger_accounts"
       WHERE ("merchant_id", "livemode", "code", "currency") IN (SELECT * FROM unnest($1::text[], $2::boolean[], $3::text[], $4::text[]))`,
      [wanted.map((w) => w.owner.merchantId), wanted.map((w) => w.owner.livemode), wanted.map((w) => w.code), wanted.map((w) => w.currency)],
    )) as Array<{ merchant_id: string; livemode: boolean; code: string; currency: string; id: string }>;
    return new Map(found.map((row) => [accountKey({ merchantId: row.merchant_id, livemode: row.livemode }, row.code, row.currency), row.id]));
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

interface PreparedEntry {
  entry: NewJournalEntry;
  id: string;
  /** Its lines but the zero ones, which post nothing. */
  lines: PostingLine[];
}

/** Each entry with its new id and the lines it posts, checked to sum to zero per currency. */
function prepareEntries(entries: readonly NewJournalEntry[]): PreparedEntry[] {
  const prepared = entries.map((entry) => ({ entry, id: newId('je'), lines: entry.lines.filter((line) => line.amount !== 0) }));
  for (const { lines } of prepared) assertBalanced(lines);
  return prepared;
}

/**
 * The entries' postings in account order: the fold trigger locks their accounts in id order itself, so that
 * writers cannot deadlock.
 */
function postingsInAccountOrder(
  entries: readonly PreparedEntry[],
  accountOf: (owner: LedgerOwner, line: PostingLine) => string,
): Array<{ entryId: string; accountId: string; currency: string; amount: number }> {
  return entries
    .flatMap(({ id, entry, lines }) => lines.map((line) => ({ entryId: id, accountId: accountOf(entry.owner, line), currency: line.currency, amount: line.amount })))
    .sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0));
}

/** One ledger account's key across owners: merchant, mode, code and currency. */
export function accountKey(owner: LedgerOwner, code: string, currency: string): string {
  return `${owner.merchantId}:${owner.livemode}:${code}:${currency}`;
}

/** Whether `error` is Postgres refusing a balance below its account's floor. */
export function isBelowFloor(error: unknown): boolean {
  const driverError = (error as { driverError?: { constraint?: string } }).driverError ?? (error as { constraint?: string });
  return driverError?.constraint === FLOOR_CONSTRAINT;
}
