import type { ApiKeyResource } from '../resources/api-key.resource.js';
import type { ChargeResource } from '../resources/charge.resource.js';
import type { PositionedEvent } from '../resources/event.resource.js';
import type { CheckoutSessionResource } from '../resources/checkout-session.resource.js';
import type { CustomerResource } from '../resources/customer.resource.js';
import type { PaymentMethodResource } from '../resources/payment-method.resource.js';
import type { PaymentIntentResource } from '../resources/payment-intent.resource.js';
import type { DisputeReason, DisputeResource, DisputeStatus } from '../resources/dispute.resource.js';
import type { RefundResource } from '../resources/refund.resource.js';
import type { BalanceResource } from '../resources/balance.resource.js';
import type { LedgerAccountResource, TransferResource } from '../resources/ledger-account.resource.js';
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
  | EventEnvelope<'charge.captured', ChargeResource>
  | EventEnvelope<'checkout.session.completed', CheckoutSessionResource>
  | EventEnvelope<'checkout.session.expired', CheckoutSessionResource>;

export type RefundsEvent =
  | EventEnvelope<'refund.created', RefundResource>
  | EventEnvelope<'refund.updated', RefundResource>
  | EventEnvelope<'refund.failed', RefundResource>
  | EventEnvelope<'charge.dispute.created', DisputeResource>
  | EventEnvelope<'charge.dispute.updated', DisputeResource>
  | EventEnvelope<'charge.dispute.closed', DisputeResource>;

/**
 * How the gateway settled a transaction in another currency than the transaction's (Stripe's balance
 * transaction on an account settling in another currency): `amount` is the gross it settled, in minor units
 * of `currency` (the fee's), and `exchangeRate` its rate as a decimal string (`'0.92'`: one major unit of
 * the transaction's currency is worth 0.92 of `currency`), exact as the gateway sent it.
 */
export interface GatewaySettlement {
  amount: number;
  currency: string;
  exchangeRate: string;
}

/**
 * What a gateway charged Payrail for a transaction (its fee and any tax on it), in minor units of `currency`.
 * On a refund it is the gateway's record of paying the refund out (Stripe's refund balance transaction, its
 * fee usually 0), carried for its `settlement`: then `settlement.amount` is what left the gateway's balance
 * in `currency`, unsigned like the refund's own amount.
 */
export interface GatewayFee {
  amount: number;
  currency: string;
  /** Present when the gateway converted the transaction into `currency` (absent from events recorded before it was kept). */
  settlement?: GatewaySettlement;
}

/**
 * One movement of a dispute's money on the gateway's balance (Stripe's `dispute.balance_transactions[]`): the
 * withdrawal when the dispute opened, the reinstatement of a won one. `amount` is signed as the balance moved
 * (negative: withdrawn), `fee` is what the gateway kept for it (Stripe's dispute fee; negative when it gave
 * it back), both in minor units of `currency`, the gateway's settlement currency. `exchangeRate` (exact
 * decimal text, Stripe's `exchange_rate`) when the gateway converted the dispute's amount into `currency`.
 */
export interface GatewayBalanceTransaction {
  /** The gateway's id of the movement (`txn_…`): each is booked once, whichever callback brings it. */
  id: string;
  amount: number;
  currency: string;
  fee: number;
  exchangeRate: string | null;
}

export interface GatewayTransactionRecorded {
  gatewayTransactionId: string;
  connector: string;
  kind: 'authorization' | 'refund' | 'capture' | 'void';
  outcome: string;
  amount: number;
  currency: string;
  /**
   * The gateway's fee for a transaction that moved money, when the gateway tells it (Stripe's balance
   * transaction `fee`, Razorpay's payment `fee`, tax included): the platform's cost, which the ledger books
   * against the gateway. Internal: never on a merchant's resource or webhook.
   */
  gatewayFee?: GatewayFee | null;
}

/** What a verified gateway callback says happened, in Payrail's words (no gateway's strings). */
export type GatewayCallbackOutcome =
  /** `receipt`: the receipt the callback carried (M-Pesa's), kept for an STK push whose answer was still awaited. */
  | { kind: 'payment_succeeded'; receipt?: string }
  | { kind: 'payment_failed' }
  | { kind: 'refunded'; amountRefunded: number; currency: string }
  | {
      kind: 'dispute';
      phase: 'created' | 'updated' | 'closed';
      /** The gateway's dispute id: one Payrail dispute per gateway dispute. */
      gatewayDisputeId: string;
      amount: number;
      currency: string;
      reason: DisputeReason;
      status: DisputeStatus;
      /** The dispute's movements of the gateway's balance so far, when the gateway says (absent from older callbacks). */
      balanceTransactions?: GatewayBalanceTransaction[];
    };

/**
 * A gateway's callback, verified, deduplicated by its event id and tied to the Payrail payment attempt
 * it is about (found through the gateway's record of the attempt). It is a hint to settle through the
 * same path as a sync, never an outcome applied on its own say-so.
 */
export interface GatewayCallbackReceived {
  callbackId: string;
  gateway: string;
  /** Null for the built-in sandbox's simulated callbacks. */
  gatewayAccountId: string | null;
  gatewayEventId: string;
  paymentIntentId: string;
  attempt: { step: 'authorization' | 'authentication'; number: number } | null;
  outcome: GatewayCallbackOutcome;
}

export type ConnectorsEvent =
  | EventEnvelope<'gateway.transaction.recorded', GatewayTransactionRecorded>
  | EventEnvelope<'gateway.callback.received', GatewayCallbackReceived>;

export type AuthEvent =
  | EventEnvelope<'merchant.created', { id: string; name: string }>
  | EventEnvelope<'api_key.created', ApiKeyResource>
  | EventEnvelope<'api_key.rolled', ApiKeyResource>
  | EventEnvelope<'api_key.revoked', ApiKeyResource>;

/**
 * The ids of a merchant's public events that one transaction recorded, in their stored order; the
 * aggregate is the merchant, so that one merchant's notices stay in order. A notice, not the events: an
 * edge replica fetches them (Patterns.EventsPositioned) only for a merchant whose live stream it holds,
 * so that the events' bodies are not written, relayed and read once more for every event nobody streams.
 */
export interface RecordedEventsNotice {
  ids: string[];
}
export type RecordedEvent =
  | EventEnvelope<'events.recorded', RecordedEventsNotice>
  /** What a webhook-dispatch of an earlier version publishes, one event each, until a rolling upgrade is over. */
  | EventEnvelope<'event.recorded', PositionedEvent>;
/** The ledger's announcements: a merchant's pending funds became available; transfers and account balances moved. */
export type LedgerEvent =
  | EventEnvelope<'balance.available', BalanceResource>
  | EventEnvelope<'transaction.created', TransferResource>
  | EventEnvelope<'transaction.completed', TransferResource>
  | EventEnvelope<'transaction.failed', TransferResource>
  | EventEnvelope<'account.balance.updated', LedgerAccountResource>;

/** A gateway API transaction's notification target, written with its session (keyed by the session). */
export interface CheckoutNotificationTarget {
  session: string;
  order_id: string | null;
  url: string;
  /** The signing key (`hk_…`) whose secret signs the notifications. */
  signing_key: string;
}

/** A session's first payment attempt made its PaymentIntent (keyed by the session, after its target). */
export interface CheckoutPaymentIntentAttached {
  session: string;
  payment_intent: string;
}

export type CheckoutNotificationsEvent =
  | EventEnvelope<'checkout.notification_target.created', CheckoutNotificationTarget>
  | EventEnvelope<'checkout.payment_intent.attached', CheckoutPaymentIntentAttached>;

/** Topic → the events it carries; `publish` and `subscribe` are typed by it. */
export interface TopicMap {
  [Topics.PaymentsEvents]: PaymentsEvent;
  [Topics.RefundsEvents]: RefundsEvent;
  [Topics.ConnectorsEvents]: ConnectorsEvent;
  [Topics.AuthEvents]: AuthEvent;
  [Topics.RecordedEvents]: RecordedEvent;
  [Topics.LedgerEvents]: LedgerEvent;
  [Topics.CheckoutNotifications]: CheckoutNotificationsEvent;
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
  'charge.dispute.created',
  'charge.dispute.updated',
  'charge.dispute.closed',
  'balance.available',
  'transaction.created',
  'transaction.completed',
  'transaction.failed',
  'account.balance.updated',
  'checkout.session.completed',
  'checkout.session.expired',
] as const satisfies readonly (PaymentsEvent['type'] | RefundsEvent['type'] | LedgerEvent['type'])[];

export type PublicEventType = (typeof PUBLIC_EVENT_TYPES)[number];
