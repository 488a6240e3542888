import type { RefundResource } from '@payrail/contracts';
import type { RefundEntity } from './refund.entity.js';

export function toRefundResource(entity: RefundEntity): RefundResource {
  return {
    id: entity.id,
    object: 'refund',
    amount: Number(entity.amount),
    currency: entity.currency,
    charge: entity.chargeId,
    payment_intent: entity.paymentIntentId,
    status: entity.status,
    reason: entity.reason,
    failure_reason: entity.failureReason,
    created: Math.floor(entity.createdAt.getTime() / 1000),
    livemode: entity.livemode,
    metadata: entity.metadata,
  };
}
