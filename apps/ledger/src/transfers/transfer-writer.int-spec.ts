import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { Caller, CreateTransferParams, TransferResource } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { TransactionalOutbox, type OutboxRelay } from '@payrail/messaging';
import { openDataSource } from '@payrail/persistence';
import { openTestDatabase, type TestDatabase } from '@payrail/testing';
import type { DataSource } from 'typeorm';
import { BalanceTransactionEntity } from '../balance-transactions/balance-transaction.entity.js';
import { loadLedgerConfig } from '../config/ledger.config.js';
import { checkLedger } from '../integrity/ledger-integrity.js';
import { spendable } from '../journal/journal-entry.js';
import { JournalRepository } from '../journal/journal.repository.js';
import { LEDGER_MIGRATIONS } from '../ledger.migrations.js';
import { TransferAccountEntity } from '../transfer-accounts/transfer-account.entity.js';
import { TransferAccountsRepository } from '../transfer-accounts/transfer-accounts.repository.js';
import { TransferEntity } from './transfer.entity.js';
import { TransferWriter } from './transfer-writer.js';
import { TransfersRepository } from './transfers.repository.js';

/** Group commit of transfers: those written together share a transaction, yet each succeeds or fails on its own. */
describe('transfer writer', () => {
  let database: TestDatabase | undefined;
  let dataSource: DataSource;
  let writer: TransferWriter;
  const journal = new JournalRepository();
  const caller: Caller = { merchantId: `mch_writer_${randomBytes(6).toString('hex')}`, livemode: false };

  beforeAll(async () => {
    database = await openTestDatabase();
    dataSource = await openDataSource({ url: database.url, schema: 'ledger', entities: [BalanceTransactionEntity, TransferAccountEntity, TransferEntity], migrations: LEDGER_MIGRATIONS });
    const outbox = new TransactionalOutbox(dataSource, 'ledger', { nudge: () => undefined } as unknown as OutboxRelay);
    const accounts = new TransferAccountsRepository(dataSource);
    writer = new TransferWriter(outbox, journal, new TransfersRepository(dataSource), accounts, loadLedgerConfig({}).transfers, () => new Date());
    for (const [id, status] of [['hot', 'active'], ['cold', 'active'], ['frozen', 'frozen']] as const) {
      await accounts.insert(dataSource.manager, { ...caller, id, currency: 'usd', status, description: null, externalReference: null, metadata: {}, idempotencyKey: null, createdAt: new Date() });
    }
    await dataSource.transaction((manager) =>
      journal.post(manager, {
        owner: caller,
        kind: 'funding',
        sourceKey: 'fund',
        lines: [
          { code: 'sandbox_funding', currency: 'usd', amount: -1_000 },
          { code: spendable('hot'), currency: 'usd', amount: 1_000, floor: 0 },
        ],
      }),
    );
  }, 60_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.stop();
  });

  const send = (params: Partial<CreateTransferParams>, idempotencyKey?: string): Promise<TransferResource> =>
    writer.write({ caller, params: { from_account: 'hot', to_account: 'cold', payment_type: 'RTP', amount: 100, ...params }, idempotencyKey });
  const balance = async (id: string): Promise<number> =>
    Number(((await dataSource.query(`SELECT "balance" FROM "ledger"."ledger_accounts" WHERE "merchant_id" = $1 AND "code" = $2`, [caller.merchantId, spendable(id)])) as Array<{ balance: string }>)[0]?.balance ?? 0);

  it('commits the transfers that fit, in arrival order, and refuses each other one alone with its own error', async () => {
    const outcomes = await Promise.allSettled([
      send({ amount: 400 }, 'key-1'),
      send({ amount: 400 }),
      send({ amount: 400 }),
      send({ to_account: 'frozen' }),
      send({ to_account: 'missing' }),
      send({ amount: 200 }),
      send({ amount: 400 }, 'key-1'),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected', 'rejected', 'fulfilled', 'fulfilled']);
    const [first, , overdraft, frozen, missing, , again] = outcomes;
    expect((again as PromiseFulfilledResult<TransferResource>).value.id).toBe((first as PromiseFulfilledResult<TransferResource>).value.id);
    const refusal = (overdraft as PromiseRejectedResult).reason as PayrailError;
    expect(refusal.code).toBe('insufficient_funds');
    expect(refusal.options.details).toEqual({ details: { account_id: 'hot', requested_amount: 400, available_balance: 200, currency: 'usd' } });
    expect(((frozen as PromiseRejectedResult).reason as PayrailError).code).toBe('account_status_invalid');
    expect(((missing as PromiseRejectedResult).reason as PayrailError).code).toBe('resource_missing');
    expect([await balance('hot'), await balance('cold')]).toEqual([0, 1_000]);
    const transfers = (await dataSource.query(`SELECT COUNT(*)::int AS "count" FROM "ledger"."transfers" WHERE "merchant_id" = $1`, [caller.merchantId])) as Array<{ count: number }>;
    expect(transfers[0].count).toBe(3);
    expect((await checkLedger(dataSource)).problems).toEqual([]);
  });

  it('writes a burst in few transactions and announces each account once per batch, with its balance after the batch', async () => {
    await send({ from_account: 'cold', to_account: 'hot', amount: 1_000 });
    const outboxBefore = await outboxCount(dataSource, 'account.balance.updated');
    const versionBefore = await version(dataSource, caller, 'hot');
    const burst = await Promise.all(Array.from({ length: 50 }, () => send({ amount: 10 })));
    expect(burst.every((transfer) => transfer.status === 'COMPLETED')).toBe(true);
    expect([await balance('hot'), await balance('cold')]).toEqual([500, 500]);
    // 50 postings folded into the hot balance, whatever the batching.
    expect((await version(dataSource, caller, 'hot')) - versionBefore).toBe(50);
    const announcements = (await outboxCount(dataSource, 'account.balance.updated')) - outboxBefore;
    // Two accounts per batch: the first transfer makes a batch alone, the 49 queued behind it make at most a few more.
    expect(announcements).toBeLessThanOrEqual(2 * 4);
    expect(await lastAnnouncement(dataSource, caller, 'hot')).toMatchObject({ id: 'hot', available_balance: 500, pending_balance: 0 });
    expect(await lastAnnouncement(dataSource, caller, 'cold')).toMatchObject({ id: 'cold', available_balance: 500, pending_balance: 0 });
    expect((await checkLedger(dataSource)).problems).toEqual([]);
  });

  it('still reads a known account\'s status under its lock: frozen after its first transfers, it is refused', async () => {
    await send({ amount: 10 });
    await dataSource.query(`UPDATE "ledger"."transfer_accounts" SET "status" = 'frozen' WHERE "merchant_id" = $1 AND "id" = 'cold'`, [caller.merchantId]);
    await expect(send({ amount: 10 })).rejects.toMatchObject({ code: 'account_status_invalid' });
    await dataSource.query(`UPDATE "ledger"."transfer_accounts" SET "status" = 'active' WHERE "merchant_id" = $1 AND "id" = 'cold'`, [caller.merchantId]);
    await send({ from_account: 'cold', to_account: 'hot', amount: 10 });
    expect([await balance('hot'), await balance('cold')]).toEqual([500, 500]);
  });

  it('announces money on its way as the receiver\'s pending balance, and the sender\'s own pending balance as it stands', async () => {
    await send({ from_account: 'hot', to_account: 'cold', payment_type: 'ACH_CREDIT', amount: 200 });
    await send({ from_account: 'cold', to_account: 'hot', payment_type: 'ACH_CREDIT', amount: 50 });
    // ACH carries no fee: each sender's available balance drops by the amount, each receiver's pending rises by it.
    expect(await lastAnnouncement(dataSource, caller, 'hot')).toMatchObject({ available_balance: 300, pending_balance: 50 });
    expect(await lastAnnouncement(dataSource, caller, 'cold')).toMatchObject({ available_balance: 450, pending_balance: 200 });
    expect((await checkLedger(dataSource)).problems).toEqual([]);
  });
});

/** The balances the last account.balance.updated event of this account carried. */
async function lastAnnouncement(dataSource: DataSource, caller: Caller, id: string): Promise<Record<string, unknown>> {
  const rows = (await dataSource.query(
    `SELECT "payload"->'data'->'object' AS "account" FROM "ledger"."outbox"
      WHERE "payload"->>'type' = 'account.balance.updated' AND "payload"->>'merchantId' = $1 AND "payload"->>'aggregateId' = $2 ORDER BY "id" DESC LIMIT 1`,
    [caller.merchantId, id],
  )) as Array<{ account: Record<string, unknown> }>;
  return rows[0].account;
}

async function outboxCount(dataSource: DataSource, type: string): Promise<number> {
  const rows = (await dataSource.query(`SELECT COUNT(*)::int AS "count" FROM "ledger"."outbox" WHERE "payload"->>'type' = $1`, [type])) as Array<{ count: number }>;
  return rows[0].count;
}

async function version(dataSource: DataSource, caller: Caller, id: string): Promise<number> {
  const rows = (await dataSource.query(`SELECT "version"::int AS "version" FROM "ledger"."ledger_accounts" WHERE "merchant_id" = $1 AND "code" = $2`, [caller.merchantId, spendable(id)])) as Array<{
    version: number;
  }>;
  return rows[0].version;
}
