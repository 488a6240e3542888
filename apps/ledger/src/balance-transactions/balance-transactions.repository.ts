import { Inject, Injectable } from '@nestjs/common';
import type { Caller, ListBalanceTransactionsParams } from '@payrail/contracts';
import { applyCreatedRange, keysetPage, type Page } from '@payrail/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { BalanceTransactionEntity } from './balance-transaction.entity.js';

@Injectable()
export class BalanceTransactionsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, transaction: BalanceTransactionEntity): Promise<void> {
    await manager.insert(BalanceTransactionEntity, transaction);
  }

  findOwned(caller: Caller, id: string): Promise<BalanceTransactionEntity | null> {
    return this.dataSource.manager.findOneBy(BalanceTransactionEntity, { id, merchantId: caller.merchantId, livemode: caller.livemode });
  }

  list(caller: Caller, params: ListBalanceTransactionsParams): Promise<Page<BalanceTransactionEntity> & { cursorMissing?: string }> {
    const query = this.dataSource.manager
      .createQueryBuilder(BalanceTransactionEntity, 'bt')
      .where('bt.merchant_id = :merchantId AND bt.livemode = :livemode', { merchantId: caller.merchantId, livemode: caller.livemode });
    if (params.type) query.andWhere('bt.type = :type', { type: params.type });
    if (params.source) query.andWhere('bt.source = :source', { source: params.source });
    applyCreatedRange(query, 'bt', params.created);
    return keysetPage(query, 'bt', params);
  }

  /** Whether any pending transaction's funds are due, asked outside a transaction: a pass that finds none opens none. */
  async anyMatured(): Promise<boolean> {
    const rows = (await this.dataSource.manager.query(`SELECT 1 FROM "ledger"."balance_transactions" WHERE "status" = 'pending' AND "available_on" <= now() LIMIT 1`)) as unknown[];
    return rows.length > 0;
  }

  /** Pending transactions whose funds are due, claimed for this transaction (other replicas skip them). */
  claimMatured(manager: EntityManager, limit: number): Promise<BalanceTransactionEntity[]> {
    return manager
      .createQueryBuilder(BalanceTransactionEntity, 'bt')
      .where(`bt.status = 'pending' AND bt.available_on <= now()`)
      .orderBy('bt.available_on', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  async markAvailable(manager: EntityManager, id: string): Promise<void> {
    await manager.update(BalanceTransactionEntity, { id, status: 'pending' }, { status: 'available' });
  }
}
