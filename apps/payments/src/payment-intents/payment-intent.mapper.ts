import type { PaymentIntentResource, ReconciliationState } from '@payrail/contracts';
import type { PaymentIntentEntity } from './payment-intent.entity.js';

export function toPaymentIntentResource(entity: PaymentIntentEntity): PaymentIntentResource {
  return {
    id: entity.id,
    object: 'payment_intent',
    amount: Number(entity.amount),
    amount_capturable: Number(entity.amountCapturable),
    amount_received: Number(entity.amountReceived),
    currency: entity.currency,
    status: entity.status,
    client_secret: entity.clientSecret,
    capture_method: entity.captureMethod,
    confirmation_method: entity.confirmationMethod,
    created: unixSeconds(entity.createdAt),
    livemode: entity.livemode,
    metadata: entity.metadata,
    description: entity.description,
    payment_method: entity.paymentMethod,
    payment_method_types: entity.paymentMethodTypes,
    latest_charge: entity.latestCharge,
    last_payment_error: entity.lastPaymentError,
    next_action: entity.nextAction,
    canceled_at: entity.canceledAt ? unixSeconds(entity.canceledAt) : null,
    cancellation_reason: entity.cancellationReason,
    customer: entity.customer,
    receipt_email: entity.receiptEmail,
    statement_descriptor: entity.statementDescriptor,
    reconciliation: reconciliationOf(entity),
  };
}

/**
 * How the current `processing` episode is being settled with the gateway, once reconciliation has
 * tried it; the schedule's columns are stale once the intent left `processing` or went back to it.
 */
function reconciliationOf(entity: PaymentIntentEntity): ReconciliationState | null {
  const since = entity.reconciliationSince;
  if (entity.status !== 'processing' || !entity.reconciliationAttempts || !since || since.getTime() !== entity.updatedAt.getTime()) return null;
  const gaveUp = entity.reconciliation === 'gave_up';
  return {
    status: gaveUp ? 'gave_up' : 'scheduled',
    attempts: entity.reconciliationAttempts,
    next_attempt_at: !gaveUp && entity.reconciliationNextAt ? unixSeconds(entity.reconciliationNextAt) : null,
    last_error: entity.reconciliationLastError,
  };
}

export function unixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
