import type { ChargeReceiptView, ChargeResource } from '@payrail/contracts';
import { balanceTransactionIdOf } from '@payrail/domain';
import type { PaymentLinks } from '../payment-intents/payment-links.js';
import { unixSeconds } from '../payment-intents/payment-intent.mapper.js';
import type { ChargeEntity } from './charge.entity.js';

export function toChargeResource(entity: ChargeEntity, links: PaymentLinks): ChargeResource {
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
    disputed: entity.disputed,
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
    payment_method_details: paymentMethodDetails(entity),
    customer: entity.customer,
    description: entity.description,
    receipt_email: entity.receiptEmail,
    receipt_number: entity.receiptNumber,
    receipt_url: entity.receiptToken ? links.receipt(entity.id, entity.receiptToken) : null,
    statement_descriptor: entity.statementDescriptor,
    balance_transaction: amountCaptured > 0 && entity.status === 'succeeded' ? balanceTransactionIdOf(entity.id) : null,
    gateway: entity.gateway,
  };
}

/** The receipt page's fields: nothing that identifies the card beyond brand and last4, no metadata or customer. */
export function toChargeReceiptView(entity: ChargeEntity): ChargeReceiptView {
  const amountCaptured = Number(entity.amountCaptured);
  return {
    id: entity.id,
    amount: Number(entity.amount),
    amount_captured: amountCaptured,
    amount_refunded: Number(entity.amountRefunded),
    currency: entity.currency,
    status: entity.status,
    captured: amountCaptured > 0,
    created: unixSeconds(entity.createdAt),
    description: entity.description,
    statement_descriptor: entity.statementDescriptor,
    receipt_number: entity.receiptNumber,
    card: entity.card && !entity.upi ? { brand: entity.card.brand, last4: entity.card.last4 } : null,
    livemode: entity.livemode,
  };
}

/** An M-Pesa charge keeps its wallet (the phone's last digits) in the card column, brand `mpesa`. */
function paymentMethodDetails(entity: ChargeEntity): ChargeResource['payment_method_details'] {
  if (entity.upi) return { type: 'upi', upi: { vpa: entity.upi.vpa } };
  if (!entity.card) return null;
  if (entity.card.brand === 'mpesa') return { type: 'mpesa', mpesa: { receipt_number: entity.status === 'succeeded' ? entity.receiptNumber : null, phone_number_last4: entity.card.last4 } };
  return { type: 'card', card: entity.card };
}
