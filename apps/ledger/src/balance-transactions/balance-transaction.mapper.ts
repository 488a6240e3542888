import type { BalanceTransactionResource } from '@payrail/contracts';
import type { BalanceTransactionEntity } from './balance-transaction.entity.js';

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

export function toBalanceTransactionResource(entity: BalanceTransactionEntity): BalanceTransactionResource {
  const fee = Number(entity.fee);
  return {
    id: entity.id,
    object: 'balance_transaction',
    amount: Number(entity.amount),
    available_on: seconds(entity.availableOn),
    created: seconds(entity.createdAt),
    currency: entity.currency,
    description: entity.description,
    exchange_rate: null,
    fee,
    fee_details: fee === 0 ? [] : [{ amount: fee, application: null, currency: entity.currency, description: 'Payrail processing fees', type: 'stripe_fee' }],
    net: Number(entity.net),
    reporting_category: entity.reportingCategory,
    source: entity.source,
    status: entity.status,
    type: entity.type,
    livemode: entity.livemode,
  };
}
