import type { BalanceTransactionType } from '../resources/balance.resource.js';
import type { ListParams } from '../resources/list.js';
import type { CreatedFilter } from './payments.commands.js';

export interface ListBalanceTransactionsParams extends ListParams {
  type?: BalanceTransactionType;
  created?: CreatedFilter;
  /** Only the transactions recording this charge, refund or dispute. */
  source?: string;
}
