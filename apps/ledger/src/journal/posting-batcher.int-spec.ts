import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { TransactionalOutbox, type OutboxRelay } from '@payrail/messaging';
import { openDataSource } from '@payrail/persistence';
import { openTestDatabase, type TestDatabase } from '@payrail/testing';
import type { DataSource } from 'typeorm';
import { BalanceTransactionEntity } from '../balance-transactions/balance-transaction.entity.js';
import { checkLedger } from '../integrity/ledger-integrity.js';
import { LEDGER_MIGRATIONS } from '../ledger.migrations.js';
import type { LedgerOwner } from './journal-entry.js';
import { isBelowFloor, JournalRepository } from './journal.repository.js';
import { PostingBatcher } from './posting-batcher.js';

/** Group commit: items submitted together share a transaction, yet each succeeds or fails on its own. */
describe('ledger posting batcher', () => {
  let database: TestDatabase | undefined;
  let dataSource: DataSource;
  let batcher: PostingBatcher;
  const journal = new JournalRepository();
  const owner: LedgerOwner = { merchantId: `mch_batch_${randomBytes(6).toString('hex')}`, livemode: false };

  beforeAll(async () => {
    database = await openTestDatabase();
    dataSource = await openDataSource({ url: database.url, schema: 'ledger', entities: [BalanceTransactionEntity], migrations: LEDGER_MIGRATIONS });
    batcher = new PostingBatcher(new TransactionalOutbox(dataSource, 'ledger', { nudge: () => undefined } as unknown as OutboxRelay));
  }, 60_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.stop();
  });

  const move = (key: string, amount: number) =>
    batcher.run((unit) =>
      journal.post(unit.manager, {
        owner,
        kind: 'transfer',
        sourceKey: key,
        lines: [
          { code: 'transfer_account:hot', currency: 'usd', amount: -amount, floor: 0 },
          { code: 'transfer_account:cold', currency: 'usd', amount, floor: 0 },
        ],
      }),
    );

  it('commits the items that fit and fails only those that do not: an overdraft, an unbalanced entry', async () => {
    await batcher.run((unit) =>
      journal.post(unit.manager, {
        owner,
        kind: 'funding',
        sourceKey: 'fund',
        lines: [
          { code: 'transfer_account:world', currency: 'usd', amount: -1_000 },
          { code: 'transfer_account:hot', currency: 'usd', amount: 1_000, floor: 0 },
        ],
      }),
    );
    const unbalanced = batcher.run(async (unit) => {
      const posted = await journal.post(unit.manager, { owner, kind: 'x', sourceKey: 'unbalanced', lines: [] });
      const [account] = (await unit.manager.query(`SELECT "id" FROM "ledger"."ledger_accounts" WHERE "merchant_id" = $1 AND "code" = 'transfer_account:hot'`, [owner.merchantId])) as Array<{ id: string }>;
      // Past the code's own check, as a bug would: only the deferred trigger stands in the way.
      await unit.manager.query(`INSERT INTO "ledger"."postings" ("entry_id", "account_id", "currency", "amount") VALUES ($1, $2, 'usd', 5)`, [posted!.id, account.id]);
    });
    const outcomes = await Promise.allSettled([move('a', 400), move('b', 400), unbalanced, move('c', 400), move('d', 200)]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(String((outcomes[2] as PromiseRejectedResult).reason)).toMatch(/does not sum to zero/);
    expect(isBelowFloor((outcomes[3] as PromiseRejectedResult).reason)).toBe(true);
    const balances = (await dataSource.query(`SELECT "code", "balance"::float8 AS "balance" FROM "ledger"."ledger_accounts" WHERE "merchant_id" = $1 ORDER BY "code"`, [owner.merchantId])) as Array<{
      code: string;
      balance: number;
    }>;
    expect(balances).toEqual([
      { code: 'transfer_account:cold', balance: 1_000 },
      { code: 'transfer_account:hot', balance: 0 },
      { code: 'transfer_account:world', balance: -1_000 },
    ]);
    expect((await checkLedger(dataSource)).problems).toEqual([]);
  });
});
