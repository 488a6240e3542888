import { DISPUTE_REASONS, type DisputeReason, type DisputeStatus, type GatewayCallbackOutcome } from '@payrail/contracts';
import type { RazorpayWebhookEvent } from '../connectors/razorpay/razorpay-webhook.js';
import type { StripeWebhookEvent } from '../connectors/stripe/stripe-webhook-verifier.js';

/** A gateway's verified callback in Payrail's words, with what finds the payment attempt it is about. */
export interface VerifiedCallback {
  eventId: string;
  /** The gateway's event type, kept for the record. */
  eventType: string;
  /** Payrail's idempotency key of the attempt, when the gateway echoes it (Stripe's metadata). */
  attemptKey: string | null;
  /** The gateway's ids for the payment, as a recorded transaction would hold them. */
  gatewayReferences: string[];
  /** Null: an event Payrail does not act on (acknowledged, recorded, nothing changes). */
  outcome: GatewayCallbackOutcome | null;
}

const KNOWN_REASONS: ReadonlySet<string> = new Set(DISPUTE_REASONS);

export function fromStripe(event: StripeWebhookEvent): VerifiedCallback {
  const basics = { eventId: event.eventId, eventType: stripeEventType(event) };
  switch (event.kind) {
    case 'payment_succeeded':
    case 'payment_failed':
      return { ...basics, attemptKey: event.attemptKey, gatewayReferences: [event.paymentIntentId], outcome: { kind: event.kind } };
    case 'charge_refunded':
      return {
        ...basics,
        attemptKey: null,
        gatewayReferences: compact([event.paymentIntentId, event.chargeId]),
        outcome: { kind: 'refunded', amountRefunded: event.amountRefunded, currency: event.currency },
      };
    case 'dispute':
      return {
        ...basics,
        attemptKey: null,
        gatewayReferences: compact([event.paymentIntentId, event.chargeId]),
        outcome: {
          kind: 'dispute',
          phase: event.phase,
          gatewayDisputeId: event.disputeId,
          amount: event.amount,
          currency: event.currency,
          reason: KNOWN_REASONS.has(event.reason) ? (event.reason as DisputeReason) : 'general',
          status: stripeDisputeStatus(event.status, event.phase),
          ...(event.balanceTransactions.length > 0 ? { balanceTransactions: event.balanceTransactions } : {}),
        },
      };
    case 'ignored':
      return { ...basics, attemptKey: null, gatewayReferences: [], outcome: null };
  }
}

export function fromRazorpay(event: RazorpayWebhookEvent): VerifiedCallback {
  const basics = { eventId: event.eventId, eventType: event.type, attemptKey: null };
  if (event.kind === 'ignored') return { ...basics, gatewayReferences: [], outcome: null };
  const gatewayReferences = compact([event.paymentId, event.orderId]);
  switch (event.kind) {
    case 'payment_succeeded':
    case 'payment_failed':
      return { ...basics, gatewayReferences, outcome: { kind: event.kind } };
    case 'refunded':
      return { ...basics, gatewayReferences, outcome: { kind: 'refunded', amountRefunded: event.amountRefunded, currency: event.currency } };
    case 'dispute':
      return {
        ...basics,
        gatewayReferences,
        outcome: {
          kind: 'dispute',
          phase: event.phase,
          gatewayDisputeId: event.dispute.disputeId,
          amount: event.dispute.amount,
          currency: event.dispute.currency,
          reason: razorpayDisputeReason(event.dispute.reasonCode),
          status: razorpayDisputeStatus(event.dispute.status, event.type),
        },
      };
  }
}

function stripeEventType(event: StripeWebhookEvent): string {
  switch (event.kind) {
    case 'payment_succeeded':
      return 'payment_intent.succeeded';
    case 'payment_failed':
      return 'payment_intent.payment_failed';
    case 'charge_refunded':
      return 'charge.refunded';
    case 'dispute':
      return event.type;
    case 'ignored':
      return event.type;
  }
}

const STRIPE_STATUSES: ReadonlySet<string> = new Set<DisputeStatus>([
  'warning_needs_response',
  'warning_under_review',
  'warning_closed',
  'needs_response',
  'under_review',
  'won',
  'lost',
]);

function stripeDisputeStatus(status: string, phase: 'created' | 'updated' | 'closed'): DisputeStatus {
  if (STRIPE_STATUSES.has(status)) return status as DisputeStatus;
  return phase === 'closed' ? 'lost' : 'needs_response';
}

/** Razorpay's reason codes name the network's reason loosely; the recognisable ones map to Stripe's. */
export function razorpayDisputeReason(reasonCode: string): DisputeReason {
  const code = reasonCode.toLowerCase();
  if (code.includes('fraud') || code.includes('unauthori')) return 'fraudulent';
  if (code.includes('duplicate')) return 'duplicate';
  if (code.includes('not_received') || code.includes('non_receipt')) return 'product_not_received';
  if (code.includes('credit') || code.includes('refund')) return 'credit_not_processed';
  return 'general';
}

/**
 * Razorpay's statuses (`open`, `under_review`, `won`, `lost`, `closed`) on Stripe's scale. `closed`
 * is a dispute the merchant accepted: lost. An unknown status takes the event's word for it.
 */
export function razorpayDisputeStatus(status: string, eventType: string): DisputeStatus {
  switch (status) {
    case 'open':
      return 'needs_response';
    case 'under_review':
      return 'under_review';
    case 'won':
      return 'won';
    case 'lost':
    case 'closed':
      return 'lost';
    default:
      if (eventType.endsWith('.won')) return 'won';
      if (eventType.endsWith('.lost') || eventType.endsWith('.closed')) return 'lost';
      return eventType.endsWith('.under_review') ? 'under_review' : 'needs_response';
  }
}

function compact(values: ReadonlyArray<string | null>): string[] {
  return values.filter((value): value is string => typeof value === 'string' && value !== '');
}
