import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { openDataSource } from '@payrail/persistence';
import { openTestDatabase, type TestDatabase } from '@payrail/testing';
import type { DataSource } from 'typeorm';
import { PayrailError } from '@payrail/errors';
import { TransactionalOutbox, type OutboxRelay } from '@payrail/messaging';
import { BalanceTransactionEntity } from '../balance-transactions/balance-transaction.entity.js';
import { loadLedgerConfig } from '../config/ledger.config.js';
import { checkLedger } from '../integrity/ledger-integrity.js';
import { LEDGER_MIGRATIONS } from '../ledger.migrations.js';
import { TransferAccountEntity } from '../transfer-accounts/transfer-account.entity.js';
import { TransferAccountsRepository } from '../transfer-accounts/transfer-accounts.repository.js';
import { TransferEntity } from '../transfers/transfer.entity.js';
import { TransferWriter } from '../transfers/transfer-writer.js';
import { TransfersRepository } from '../transfers/transfers.repository.js';
import { isBelowFloor, JournalRepository } from './journal.repository.js';
import type { LedgerAccountCode, LedgerOwner } from './journal-entry.js';

const CURRENCIES = ['usd', 'eur', 'jpy'] as const;
const ACCOUNTS = ['a', 'b', 'c', 'd'] as const;
const code = (name: string): LedgerAccountCode => `transfer_account:${name}`;

/**
 * The books under random concurrent transfers, on the real schema: every transfer is one entry in its
 * own transaction, all of a run at once. Whatever interleaving Postgres picks, every currency sums to
 * zero, every cached balance equals its postings, and no floored account ends below zero.
 */
describe('ledger journal: random concurrent transfers keep the books balanced', () => {
  let database: TestDatabase | undefined;
  let dataSource: DataSource;
  const journal = new JournalRepository();

  beforeAll(async () => {
    database = await openTestDatabase();
    dataSource = await openDataSource({ url: database.url, schema: 'ledger', entities: [BalanceTransactionEntity, TransferAccountEntity, TransferEntity], migrations: LEDGER_MIGRATIONS, poolSize: 8 });
  }, 60_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.stop();
  });

  const transfer = fc.record({
    from: fc.constantFrom(...ACCOUNTS),
    to: fc.constantFrom(...ACCOUNTS),
    currency: fc.constantFrom(...CURRENCIES),
    amount: fc.integer({ min: 1, max: 5_000 }),
  });

  it('sums to zero per currency and never overdraws, whatever the interleaving', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 4_000 }), { minLength: 4, maxLength: 4 }), fc.array(transfer, { minLength: 1, maxLength: 25 }), async (funding, transfers) => {
        const owner: LedgerOwner = { merchantId: `acct_prop_${randomBytes(6).toString('hex')}`, livemode: false };
        // Funded from an account with no floor (the world outside), into accounts floored at zero.
        await dataSource.transaction(async (manager) => {
          for (const [i, name] of ACCOUNTS.entries()) {
            for (const currency of CURRENCIES) {
              await journal.post(manager, {
                owner,
                kind: 'funding',
                sourceKey: `fund:${name}:${currency}`,
                lines: [
                  { code: 'transfer_account:world', currency, amount: -funding[i], floor: null },
                  { code: code(name), currency, amount: funding[i], floor: 0 },
                ],
              });
              // An unfunded account exists all the same, with its floor.
              await journal.accountId(manager, owner, code(name), currency, 0);
            }
          }
        });
        const outcomes = await Promise.all(
          transfers.map((move, i) =>
            dataSource
              .transaction((manager) =>
                journal.post(manager, {
                  owner,
                  kind: 'transfer',
                  sourceKey: `transfer:${i}`,
                  lines: [
                    { code: code(move.from), currency: move.currency, amount: -move.amount, floor: 0 },
                    { code: code(move.to), currency: move.currency, amount: move.amount, floor: 0 },
                  ],
                }),
              )
              .then(() => 'posted' as const)
              .catch((error: unknown) => {
                if (isBelowFloor(error)) return 'refused' as const;
                throw error;
              }),
          ),
        );
        const report = await checkLedger(dataSource);
        expect(report.problems).toEqual([]);
        const balances = (await dataSource.query(
          `SELECT "code", "currency", "balance"::float8 AS "balance", "floor"::float8 AS "floor" FROM "ledger"."ledger_accounts" WHERE "merchant_id" = $1`,
          [owner.merchantId],
        )) as Array<{ code: string; currency: string; balance: number; floor: number | null }>;
        for (const currency of CURRENCIES) {
          expect(balances.filter((row) => row.currency === currency).reduce((sum, row) => sum + row.balance, 0)).toBe(0);
        }
        expect(balances.filter((row) => row.floor !== null && row.balance < row.floor)).toEqual([]);
        // A transfer that fits whatever ran before it cannot have been refused: each refused one overdrew.
        const posted = outcomes.filter((outcome) => outcome === 'posted').length;
        const entries = (await dataSource.query(`SELECT COUNT(*)::int AS "count" FROM "ledger"."journal_entries" WHERE "merchant_id" = $1 AND "kind" = 'transfer'`, [
          owner.merchantId,
        ])) as Array<{ count: number }>;
        expect(entries[0].count).toBe(posted);
      }),
      { numRuns: 12 },
    );
  }, 120_000);

  it('keeps them balanced when transfers are written in batches beside single entries on the same accounts', async () => {
    const accounts = new TransferAccountsRepository(dataSource);
    const outbox = new TransactionalOutbox(dataSource, 'ledger', { nudge: () => undefined } as unknown as OutboxRelay);
    const writer = new TransferWriter(outbox, journal, new TransfersRepository(dataSource), accounts, loadLedgerConfig({}).transfers, () => new Date());
    const move = fc.record({ from: fc.constantFrom(...ACCOUNTS), to: fc.constantFrom(...ACCOUNTS), amount: fc.integer({ min: 1, max: 3_000 }), batched: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 4_000 }), { minLength: 4, maxLength: 4 }), fc.array(move, { minLength: 1, maxLength: 40 }), async (funding, moves) => {
        const owner: LedgerOwner = { merchantId: `acct_prop_${randomBytes(6).toString('hex')}`, livemode: false };
        for (const [i, name] of ACCOUNTS.entries()) {
          await accounts.insert(dataSource.manager, { ...owner, id: name, currency: 'usd', status: 'active', description: null, externalReference: null, metadata: {}, idempotencyKey: null, createdAt: new Date() });
          await dataSource.transaction((manager) =>
            journal.post(manager, { owner, kind: 'funding', sourceKey: `fund:${name}`, lines: [{ code: 'sandbox_funding', currency: 'usd', amount: -funding[i] }, { code: code(name), currency: 'usd', amount: funding[i], floor: 0 }] }),
          );
        }
        // The writer's batches check funds themselves; single entries (a settlement, a return) rely on the floor alone.
        const outcomes = await Promise.all(
          moves.map((m, i) => {
            if (m.from === m.to) return Promise.resolve('skipped' as const);
            const written = m.batched
              ? writer.write({ caller: owner, params: { from_account: m.from, to_account: m.to, payment_type: 'RTP', amount: m.amount } })
              : dataSource.transaction((manager) =>
                  journal.post(manager, { owner, kind: 'transfer', sourceKey: `single:${i}`, lines: [{ code: code(m.from), currency: 'usd', amount: -m.amount, floor: 0 }, { code: code(m.to), currency: 'usd', amount: m.amount, floor: 0 }] }),
                );
            return written.then(
              () => 'posted' as const,
              (error: unknown) => {
                if (isBelowFloor(error) || (error instanceof PayrailError && error.code === 'insufficient_funds')) return 'refused' as const;
                throw error;
              },
            );
          }),
        );
        expect((await checkLedger(dataSource)).problems).toEqual([]);
        const balances = (await dataSource.query(`SELECT "balance"::float8 AS "balance", "floor"::float8 AS "floor" FROM "ledger"."ledger_accounts" WHERE "merchant_id" = $1`, [owner.merchantId])) as Array<{
          balance: number;
          floor: number | null;
        }>;
        expect(balances.reduce((sum, row) => sum + row.balance, 0)).toBe(0);
        expect(balances.filter((row) => row.floor !== null && row.balance < row.floor)).toEqual([]);
        const entries = (await dataSource.query(`SELECT COUNT(*)::int AS "count" FROM "ledger"."journal_entries" WHERE "merchant_id" = $1 AND "kind" = 'transfer'`, [owner.merchantId])) as Array<{ count: number }>;
        expect(entries[0].count).toBe(outcomes.filter((outcome) => outcome === 'posted').length);
        // A transfer row for each batched transfer posted, none for one refused.
        const transfers = (await dataSource.query(`SELECT COUNT(*)::int AS "count" FROM "ledger"."transfers" WHERE "merchant_id" = $1`, [owner.merchantId])) as Array<{ count: number }>;
        expect(transfers[0].count).toBe(moves.filter((m, i) => m.batched && outcomes[i] === 'posted').length);
      }),
      { numRuns: 12 },
    );
  }, 180_000);

  it('refuses an unbalanced entry at commit and any change to what was posted; the check finds a drifted cache', async () => {
    const owner: LedgerOwner = { merchantId: `acct_prop_${randomBytes(6).toString('hex')}`, livemode: false };
    const posted = await dataSource.transaction((manager) =>
      journal.post(manager, {
        owner,
        kind: 'funding',
        sourceKey: 'fund',
        lines: [
          { code: code('world'), currency: 'usd', amount: -700 },
          { code: code('a'), currency: 'usd', amount: 700 },
        ],
      }),
    );
    const accountA = posted!.accounts.get(`${code('a')}:usd`)!;
    // Past the code's own check: straight into the table, as a bug or a hand-written statement would.
    await expect(
      dataSource.transaction(async (manager) => {
        await manager.query(`INSERT INTO "ledger"."journal_entries" ("id", "merchant_id", "livemode", "kind", "source_key") VALUES ('je_unbalanced', $1, false, 'x', 'x')`, [owner.merchantId]);
        await manager.query(`INSERT INTO "ledger"."postings" ("entry_id", "account_id", "currency", "amount") VALUES ('je_unbalanced', $1, 'usd', 100)`, [accountA]);
      }),
    ).rejects.toThrow(/does not sum to zero in usd/);
    await expect(dataSource.query(`INSERT INTO "ledger"."postings" ("entry_id", "account_id", "currency", "amount") VALUES ($1, $2, 'eur', 5)`, [posted!.id, accountA])).rejects.toThrow(
      /postings_account_currency_fkey/,
    );
    await expect(dataSource.query(`UPDATE "ledger"."postings" SET "amount" = 1 WHERE "entry_id" = $1`, [posted!.id])).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`DELETE FROM "ledger"."journal_entries" WHERE "id" = $1`, [posted!.id])).rejects.toThrow(/append-only/);
    expect((await checkLedger(dataSource)).problems).toEqual([]);
    // The check recomputes from postings: a cache edited behind the journal's back is found.
    await dataSource.query(`UPDATE "ledger"."ledger_accounts" SET "balance" = 699 WHERE "id" = $1`, [accountA]);
    expect((await checkLedger(dataSource)).problems).toEqual([`account ${accountA}: cached balance 699, postings sum to 700`]);
    await dataSource.query(`UPDATE "ledger"."ledger_accounts" SET "balance" = 700 WHERE "id" = $1`, [accountA]);
    // A second entry from the same source is not written: exactly once.
    await expect(
      dataSource.transaction((manager) =>
        journal.post(manager, { owner, kind: 'funding', sourceKey: 'fund', lines: [{ code: code('world'), currency: 'usd', amount: -700 }, { code: code('a'), currency: 'usd', amount: 700 }] }),
      ),
    ).resolves.toBeNull();
  });
});
