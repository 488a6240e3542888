import { Injectable } from '@nestjs/common';
import type { BalanceResource, BalanceTransactionResource, Caller, ListBalanceTransactionsParams, ListResource } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { toBalanceTransactionResource } from '../balance-transactions/balance-transaction.mapper.js';
import { BalanceTransactionsRepository } from '../balance-transactions/balance-transactions.repository.js';
import { toBalanceResource } from './balance.mapper.js';
import { BalancesRepository } from './balances.repository.js';

@Injectable()
export class BalancesService {
  constructor(
    private readonly balances: BalancesRepository,
    private readonly transactions: BalanceTransactionsRepository,
  ) {}

  async balance(caller: Caller): Promise<BalanceResource> {
    return toBalanceResource(await this.balances.merchantBalances(caller), caller.livemode);
  }

  async retrieve(caller: Caller, id: string): Promise<BalanceTransactionResource> {
    const found = await this.transactions.findOwned(caller, id);
    if (!found) throw PayrailError.notFound('balance transaction', id, 'id');
    return toBalanceTransactionResource(found);
  }

  async list(caller: Caller, params: ListBalanceTransactionsParams): Promise<ListResource<BalanceTransactionResource>> {
    const page = await this.transactions.list(caller, params);
    if (page.cursorMissing) throw PayrailError.notFound('balance transaction', page.cursorMissing, params.starting_after ? 'starting_after' : 'ending_before');
    return { object: 'list', data: page.data.map(toBalanceTransactionResource), has_more: page.hasMore, url: '/v1/balance_transactions' };
  }
}
