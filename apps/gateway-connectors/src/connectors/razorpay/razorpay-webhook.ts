import { createHash } from 'node:crypto';
import { PayrailError } from '@payrail/errors';
import { isValidWebhookSignature } from './razorpay-signatures.js';

interface EventBasics {
  /** `x-razorpay-event-id` when sent, else the body's `id`, else a digest of the body: what replays are deduplicated by. */
  eventId: string;
  type: string;
}

interface PaymentReferences {
  paymentId: string;
  orderId: string | null;
}

export interface RazorpayDisputeDetails {
  disputeId: string;
  amount: number;
  currency: string;
  reasonCode: string;
  /** Razorpay's dispute status: `open`, `under_review`, `won`, `lost`, `closed`. */
  status: string;
}

/** The Razorpay events Payrail acts on, in its own words; every other type is `ignored` (acknowledged, no change). */
export type RazorpayWebhookEvent =
  | (EventBasics & PaymentReferences & { kind: 'payment_succeeded' | 'payment_failed' })
  | (EventBasics & PaymentReferences & { kind: 'refunded'; amountRefunded: number; currency: string })
  | (EventBasics & PaymentReferences & { kind: 'dispute'; phase: 'created' | 'updated' | 'closed'; dispute: RazorpayDisputeDetails })
  | (EventBasics & { kind: 'ignored' });

const DISPUTE_PHASES: Readonly<Record<string, 'created' | 'updated' | 'closed'>> = {
  'payment.dispute.created': 'created',
  'payment.dispute.under_review': 'updated',
  'payment.dispute.action_required': 'updated',
  'payment.dispute.won': 'closed',
  'payment.dispute.lost': 'closed',
  'payment.dispute.closed': 'closed',
};

/**
 * Checks `X-Razorpay-Signature` (hex HMAC-SHA256 of the raw body with the webhook secret) and parses the
 * event. Razorpay signs no timestamp, so replays are stopped by the event id alone.
 */
export function verifyRazorpayWebhook(rawBody: Buffer, signature: string | undefined, webhookSecret: string, eventIdHeader?: string): RazorpayWebhookEvent {
  if (!isValidWebhookSignature(rawBody, signature, webhookSecret)) {
    throw new PayrailError('signature_invalid', 'The X-Razorpay-Signature header does not match the payload.');
  }
  return razorpayEventOf(parseBody(rawBody), eventIdHeader ?? null, rawBody);
}

interface RawEvent {
  id?: unknown;
  event?: unknown;
  payload?: Record<string, { entity?: Record<string, unknown> } | undefined>;
}

function parseBody(rawBody: Buffer): RawEvent {
  try {
    const event = JSON.parse(rawBody.toString('utf8')) as RawEvent;
    if (typeof event?.event === 'string' && typeof event.payload === 'object' && event.payload !== null) return event;
  } catch {
    // Falls through to the refusal below.
  }
  throw new PayrailError('body_invalid', 'The Razorpay webhook is not an event object.');
}

function razorpayEventOf(event: RawEvent, eventIdHeader: string | null, rawBody: Buffer): RazorpayWebhookEvent {
  const eventId = eventIdHeader || (typeof event.id === 'string' ? event.id : `sha256:${createHash('sha256').update(rawBody).digest('hex')}`);
  const type = event.event as string;
  const basics: EventBasics = { eventId, type };
  const payment = event.payload?.['payment']?.entity;
  const references: PaymentReferences | null = payment && typeof payment['id'] === 'string'
    ? { paymentId: payment['id'], orderId: typeof payment['order_id'] === 'string' ? payment['order_id'] : null }
    : null;
  if (!references) return { ...basics, kind: 'ignored' };
  switch (type) {
    case 'payment.authorized':
    case 'payment.captured':
      return { ...basics, ...references, kind: 'payment_succeeded' };
    case 'payment.failed':
      return { ...basics, ...references, kind: 'payment_failed' };
    case 'refund.processed':
      return { ...basics, ...references, kind: 'refunded', amountRefunded: num(payment!['amount_refunded']), currency: text(payment!['currency']).toLowerCase() };
    default: {
      const phase = DISPUTE_PHASES[type];
      const dispute = event.payload?.['dispute']?.entity;
      if (!phase || !dispute || typeof dispute['id'] !== 'string') return { ...basics, kind: 'ignored' };
      return {
        ...basics,
        ...references,
        kind: 'dispute',
        phase,
        dispute: {
          disputeId: dispute['id'],
          amount: num(dispute['amount']),
          currency: text(dispute['currency']).toLowerCase(),
          reasonCode: text(dispute['reason_code']),
          status: text(dispute['status']),
        },
      };
    }
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}
