import type { ReconciliationState, RefundResource } from '@payrail/contracts';
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
    reconciliation: reconciliationOf(entity),
  };
}

/** How a `pending` refund is being settled with the gateway, once reconciliation has tried it. */
function reconciliationOf(entity: RefundEntity): ReconciliationState | null {
  if (entity.status !== 'pending' || !entity.reconciliationAttempts) return null;
  const gaveUp = entity.reconciliation === 'gave_up';
  return {
    status: gaveUp ? 'gave_up' : 'scheduled',
    attempts: entity.reconciliationAttempts,
    next_attempt_at: !gaveUp && entity.reconciliationNextAt ? Math.floor(entity.reconciliationNextAt.getTime() / 1000) : null,
    last_error: entity.reconciliationLastError,
  };
}
