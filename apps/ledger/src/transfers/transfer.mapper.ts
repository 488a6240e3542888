import type { TransferResource } from '@payrail/contracts';
import type { TransferEntity } from './transfer.entity.js';

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

export function toTransferResource(entity: TransferEntity): TransferResource {
  return {
    id: entity.id,
    object: 'transfer',
    from_account: entity.fromAccount,
    to_account: entity.toAccount,
    payment_type: entity.paymentType,
    amount: Number(entity.amount),
    fee: Number(entity.fee),
    currency: entity.currency,
    status: entity.status,
    failure_reason: entity.failureReason,
    return_code: entity.returnCode,
    description: entity.description,
    external_reference: entity.externalReference,
    metadata: entity.metadata,
    created: seconds(entity.createdAt),
    settles_at: seconds(entity.settlesAt),
    completed_at: entity.completedAt ? seconds(entity.completedAt) : null,
    livemode: entity.livemode,
  };
}
