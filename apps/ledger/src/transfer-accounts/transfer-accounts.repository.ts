import { Inject, Injectable } from '@nestjs/common';
import type { Caller, LedgerAccountStatus, ListLedgerAccountsParams } from '@payrail/contracts';
import { keysetPage, type Page } from '@payrail/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { TransferAccountEntity } from './transfer-account.entity.js';

export interface AccountBalances {
  available: number;
  pending: number;
}

interface AccountWithBalancesRow {
  merchant_id: string;
  livemode: boolean;
  id: string;
  currency: string;
  status: LedgerAccountStatus;
  description: string | null;
  external_reference: string | null;
  metadata: Record<string, string>;
  idempotency_key: string | null;
  created_at: Date;
  available: number | null;
  pending: number | null;
}

const balanceOf = (prefix: string) =>
  `(SELECT la."balance"::float8 FROM "ledger"."ledger_accounts" la WHERE la."merchant_id" = ta."merchant_id" AND la."livemode" = ta."livemode" AND la."code" = '${prefix}:' || ta."id" AND la."currency" = ta."currency")`;
/** Written out rather than built by the query builder: every balance read runs it, and building it cost more than running it. */
const ACCOUNT_WITH_BALANCES = `SELECT ta."merchant_id", ta."livemode", ta."id", ta."currency", ta."status", ta."description", ta."external_reference", ta."metadata", ta."idempotency_key", ta."created_at",
    ${balanceOf('transfer_account')} AS "available", ${balanceOf('transfer_incoming')} AS "pending"
  FROM "ledger"."transfer_accounts" ta WHERE ta."merchant_id" = $1 AND ta."livemode" = $2 AND ta."id" = $3`;

/** What may change on an account; its money changes only through the journal. */
export type TransferAccountChange = { status?: LedgerAccountStatus; description?: string; metadata?: Record<string, string> };

@Injectable()
export class TransferAccountsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Inserts unless the idempotency key (or the id) was used: false then. */
  async insert(manager: EntityManager, account: TransferAccountEntity): Promise<boolean> {
    const inserted = (await manager.query(
      `INSERT INTO "ledger"."transfer_accounts" ("merchant_id", "livemode", "id", "currency", "status", "description", "external_reference", "metadata", "idempotency_key", "created_at")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING RETURNING "id"`,
      [account.merchantId, account.livemode, account.id, account.currency, account.status, account.description, account.externalReference, JSON.stringify(account.metadata), account.idempotencyKey, account.createdAt],
    )) as unknown[];
    return inserted.length > 0;
  }

  findOwned(caller: Caller, id: string, manager: EntityManager = this.dataSource.manager): Promise<TransferAccountEntity | null> {
    return manager.findOneBy(TransferAccountEntity, { merchantId: caller.merchantId, livemode: caller.livemode, id });
  }

  /** The account and its balances from the ledger's cache, in one statement (what a balance read costs the ledger). */
  async findOwnedWithBalances(caller: Caller, id: string, manager: EntityManager = this.dataSource.manager): Promise<{ account: TransferAccountEntity; balances: AccountBalances } | null> {
    const [row] = (await manager.query(ACCOUNT_WITH_BALANCES, [caller.merchantId, caller.livemode, id])) as AccountWithBalancesRow[];
    if (!row) return null;
    return { account: toEntity(row), balances: { available: row.available ?? 0, pending: row.pending ?? 0 } };
  }

  findByIdempotencyKey(caller: Caller, key: string, manager: EntityManager = this.dataSource.manager): Promise<TransferAccountEntity | null> {
    return manager.findOneBy(TransferAccountEntity, { merchantId: caller.merchantId, livemode: caller.livemode, idempotencyKey: key });
  }

  /** Locks the account row until the transaction ends: its status cannot change under a transfer. */
  lockOwned(manager: EntityManager, caller: Caller, id: string): Promise<TransferAccountEntity | null> {
    return manager
      .createQueryBuilder(TransferAccountEntity, 'ta')
      .where('ta.merchant_id = :merchantId AND ta.livemode = :livemode AND ta.id = :id', { ...caller, id })
      .setLock('pessimistic_read')
      .getOne();
  }

  /** `lockOwned` for many accounts at once, in key order, across merchants; the accounts that exist. */
  lockMany(manager: EntityManager, keys: ReadonlyArray<{ merchantId: string; livemode: boolean; id: string }>): Promise<TransferAccountEntity[]> {
    return manager
      .createQueryBuilder(TransferAccountEntity, 'ta')
      .where('(ta.merchant_id, ta.livemode, ta.id) IN (SELECT * FROM unnest(CAST(:merchantIds AS text[]), CAST(:livemodes AS boolean[]), CAST(:ids AS text[])))', {
        merchantIds: keys.map((key) => key.merchantId),
        livemodes: keys.map((key) => key.livemode),
        ids: keys.map((key) => key.id),
      })
      .orderBy('ta.merchant_id')
      .addOrderBy('ta.livemode')
      .addOrderBy('ta.id')
      .setLock('pessimistic_read')
      .getMany();
  }

  async update(manager: EntityManager, caller: Caller, id: string, change: TransferAccountChange): Promise<void> {
    // An update that sets nothing (`{}`, or only what is unchanged) is Stripe's no-op; TypeORM refuses an empty SET.
    if (Object.keys(change).length === 0) return;
    await manager.update(TransferAccountEntity, { merchantId: caller.merchantId, livemode: caller.livemode, id }, change);
  }

  list(caller: Caller, params: ListLedgerAccountsParams): Promise<Page<TransferAccountEntity> & { cursorMissing?: string }> {
    const query = this.dataSource.manager
      .createQueryBuilder(TransferAccountEntity, 'ta')
      .where('ta.merchant_id = :merchantId AND ta.livemode = :livemode', { merchantId: caller.merchantId, livemode: caller.livemode });
    if (params.status) query.andWhere('ta.status = :status', { status: params.status });
    if (params.external_reference) query.andWhere('ta.external_reference = :reference', { reference: params.external_reference });
    return keysetPage(query, 'ta', params);
  }

  /** Available (spendable) and pending (incoming) balances of these accounts, from the ledger's cache. */
  async balances(caller: Caller, ids: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, AccountBalances>> {
    const rows = (await manager.query(
      `SELECT "code", "balance"::float8 AS "balance" FROM "ledger"."ledger_accounts"
        WHERE "merchant_id" = $1 AND "livemode" = $2 AND "code" = ANY($3::text[])`,
      [caller.merchantId, caller.livemode, ids.flatMap((id) => [`transfer_account:${id}`, `transfer_incoming:${id}`])],
    )) as Array<{ code: string; balance: number }>;
    const balances = new Map<string, AccountBalances>(ids.map((id) => [id, { available: 0, pending: 0 }]));
    for (const row of rows) {
      const [kind, id] = [row.code.slice(0, row.code.indexOf(':')), row.code.slice(row.code.indexOf(':') + 1)];
      const entry = balances.get(id);
      if (!entry) continue;
      if (kind === 'transfer_account') entry.available = row.balance;
      else entry.pending = row.balance;
    }
    return balances;
  }
}

function toEntity(row: AccountWithBalancesRow): TransferAccountEntity {
  return Object.assign(new TransferAccountEntity(), {
    merchantId: row.merchant_id,
    livemode: row.livemode,
    id: row.id,
    currency: row.currency,
    status: row.status,
    description: row.description,
    externalReference: row.external_reference,
    metadata: row.metadata,
    idempotencyKey: row.idempotency_key,
    createdAt: row.created_at,
  });
}
