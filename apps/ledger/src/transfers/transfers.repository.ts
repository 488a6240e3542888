import { Inject, Injectable } from '@nestjs/common';
import type { Caller, ListTransfersParams } from '@payrail/contracts';
import type { UnitOfWork } from '@payrail/messaging';
import { applyCreatedRange, entityRows, keysetPage, type Page } from '@payrail/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { TransferEntity } from './transfer.entity.js';

/** How a pending transfer ends; nothing else changes a transfer. */
export type TransferOutcome = { kind: 'completed' } | { kind: 'returned'; returnCode: string; failureReason: string };

@Injectable()
export class TransfersRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Writes these transfers at the end of the unit of work, with its events (see UnitOfWork.insertAtEnd). */
  insertAtEnd(unit: Pick<UnitOfWork, 'manager' | 'insertAtEnd'>, transfers: readonly TransferEntity[]): void {
    unit.insertAtEnd(entityRows(unit.manager, TransferEntity, transfers));
  }

  findOwned(caller: Caller, id: string, manager: EntityManager = this.dataSource.manager): Promise<TransferEntity | null> {
    return manager.findOneBy(TransferEntity, { id, merchantId: caller.merchantId, livemode: caller.livemode });
  }

  findByIdempotencyKey(caller: Caller, key: string, manager: EntityManager = this.dataSource.manager): Promise<TransferEntity | null> {
    return manager.findOneBy(TransferEntity, { merchantId: caller.merchantId, livemode: caller.livemode, idempotencyKey: key });
  }

  /** The transfers made under any of these keys, each found under its `caller`'s merchant and mode. */
  findByIdempotencyKeys(manager: EntityManager, keys: ReadonlyArray<{ merchantId: string; livemode: boolean; key: string }>): Promise<TransferEntity[]> {
    if (keys.length === 0) return Promise.resolve([]);
    return manager
      .createQueryBuilder(TransferEntity, 'tr')
      .where('(tr.merchant_id, tr.livemode, tr.idempotency_key) IN (SELECT * FROM unnest(CAST(:merchantIds AS text[]), CAST(:livemodes AS boolean[]), CAST(:keys AS text[])))', {
        merchantIds: keys.map((key) => key.merchantId),
        livemodes: keys.map((key) => key.livemode),
        keys: keys.map((key) => key.key),
      })
      .getMany();
  }

  list(caller: Caller, params: ListTransfersParams): Promise<Page<TransferEntity> & { cursorMissing?: string }> {
    const query = this.dataSource.manager
      .createQueryBuilder(TransferEntity, 'tr')
      .where('tr.merchant_id = :merchantId AND tr.livemode = :livemode', { merchantId: caller.merchantId, livemode: caller.livemode });
    if (params.account) query.andWhere('(tr.from_account = :account OR tr.to_account = :account)', { account: params.account });
    if (params.status) query.andWhere('tr.status = :status', { status: params.status });
    if (params.payment_type) query.andWhere('tr.payment_type = :paymentType', { paymentType: params.payment_type });
    if (params.external_reference) query.andWhere('tr.external_reference = :reference', { reference: params.external_reference });
    applyCreatedRange(query, 'tr', params.created);
    return keysetPage(query, 'tr', params);
  }

  /** Whether any transfer is due, asked outside a transaction: a pass that finds none opens none. */
  async anyDue(): Promise<boolean> {
    const rows = (await this.dataSource.manager.query(`SELECT 1 FROM "ledger"."transfers" WHERE "status" = 'PENDING' AND "settles_at" <= now() LIMIT 1`)) as unknown[];
    return rows.length > 0;
  }

  /** Pending transfers due to settle, claimed for this transaction (another replica's pass skips them). */
  claimDue(manager: EntityManager, limit: number): Promise<TransferEntity[]> {
    return manager
      .createQueryBuilder(TransferEntity, 'tr')
      .where(`tr.status = 'PENDING' AND tr.settles_at <= now()`)
      .orderBy('tr.settles_at', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  /** Ends a pending transfer; false when it was no longer pending. */
  async settle(manager: EntityManager, id: string, outcome: TransferOutcome): Promise<boolean> {
    const change =
      outcome.kind === 'completed'
        ? { status: 'COMPLETED' as const, completedAt: new Date() }
        : { status: 'RETURNED' as const, returnCode: outcome.returnCode, failureReason: outcome.failureReason, completedAt: new Date() };
    const result = await manager.update(TransferEntity, { id, status: 'PENDING' }, change);
    return (result.affected ?? 0) === 1;
  }
}
