import type { ChargeResource } from '@payrail/contracts';
import { unixSeconds } from '../payment-intents/payment-intent.mapper.js';
import type { ChargeEntity } from './charge.entity.js';

export function toChargeResource(entity: ChargeEntity): ChargeResource {
  const amountCaptured = Number(entity.amountCaptured);
  const amountRefunded = Number(entity.amountRefunded);
  return {
    id: entity.id,
    object: 'charge',
    amount: Number(entity.amount),
    amount_captured: amountCaptured,
    amount_refunded: amountRefunded,
    captured: amountCaptured > 0,
    paid: entity.status === 'succeeded',
    refunded: amountCaptured > 0 && amountRefunded === amountCaptured,
    currency: entity.currency,
    status: entity.status,
    payment_intent: entity.paymentIntentId,
    payment_method: entity.paymentMethod,
    created: unixSeconds(entity.createdAt),
    livemode: entity.livemode,
    metadata: entity.metadata,
    failure_code: entity.failureCode,
    failure_message: entity.failureMessage,
    outcome: entity.outcome,
    payment_method_details: entity.card ? { type: 'card', card: entity.card } : null,
  };
}
