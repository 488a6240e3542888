import type { ApiKeyResource } from '../resources/api-key.resource.js';
import type { ChargeResource } from '../resources/charge.resource.js';
import type { CustomerResource } from '../resources/customer.resource.js';
import type { PaymentMethodResource } from '../resources/payment-method.resource.js';
import type { PaymentIntentResource } from '../resources/payment-intent.resource.js';
import type { RefundResource } from '../resources/refund.resource.js';
import { Topics } from '../topics.js';
import type { EventEnvelope } from './event-envelope.js';

export type PaymentsEvent =
  | EventEnvelope<'payment_intent.created', PaymentIntentResource>
  | EventEnvelope<'payment_intent.processing', PaymentIntentResource>
  | EventEnvelope<'payment_intent.succeeded', PaymentIntentResource>
  | EventEnvelope<'payment_intent.payment_failed', PaymentIntentResource>
  | EventEnvelope<'charge.succeeded', ChargeResource>
  | EventEnvelope<'charge.failed', ChargeResource>
  | EventEnvelope<'charge.refunded', ChargeResource>
  | EventEnvelope<'payment_method.attached', PaymentMethodResource>
  | EventEnvelope<'payment_method.detached', PaymentMethodResource>
  | EventEnvelope<'customer.created', CustomerResource>
  | EventEnvelope<'customer.updated', CustomerResource>
  | EventEnvelope<'customer.deleted', CustomerResource>
  | EventEnvelope<'payment_intent.requires_action', PaymentIntentResource>
  | EventEnvelope<'payment_intent.amount_capturable_updated', PaymentIntentResource>
  | EventEnvelope<'payment_intent.canceled', PaymentIntentResource>
  | EventEnvelope<'charge.captured', ChargeResource>;

export type RefundsEvent =
  | EventEnvelope<'refund.created', RefundResource>
  | EventEnvelope<'refund.updated', RefundResource>
  | EventEnvelope<'refund.failed', RefundResource>;

export interface GatewayTransactionRecorded {
  gatewayTransactionId: string;
  connector: string;
  kind: 'authorization' | 'refund' | 'capture' | 'void';
  outcome: string;
  amount: number;
  currency: string;
}

export type ConnectorsEvent = EventEnvelope<'gateway.transaction.recorded', GatewayTransactionRecorded>;

export type AuthEvent =
  | EventEnvelope<'merchant.created', { id: string; name: string }>
  | EventEnvelope<'api_key.created', ApiKeyResource>
  | EventEnvelope<'api_key.rolled', ApiKeyResource>
  | EventEnvelope<'api_key.revoked', ApiKeyResource>;

/** Topic → the events it carries; `publish` and `subscribe` are typed by it. */
export interface TopicMap {
  [Topics.PaymentsEvents]: PaymentsEvent;
  [Topics.RefundsEvents]: RefundsEvent;
  [Topics.ConnectorsEvents]: ConnectorsEvent;
  [Topics.AuthEvents]: AuthEvent;
}

/** Event types a merchant can subscribe a webhook endpoint to. */
export const PUBLIC_EVENT_TYPES = [
  'payment_intent.created',
  'payment_intent.processing',
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'charge.succeeded',
  'charge.failed',
  'charge.refunded',
  'refund.created',
  'refund.updated',
  'refund.failed',
  'payment_method.attached',
  'payment_method.detached',
  'customer.created',
  'customer.updated',
  'customer.deleted',
  'payment_intent.requires_action',
  'payment_intent.amount_capturable_updated',
  'payment_intent.canceled',
  'charge.captured',
] as const satisfies readonly (PaymentsEvent['type'] | RefundsEvent['type'])[];

export type PublicEventType = (typeof PUBLIC_EVENT_TYPES)[number];
