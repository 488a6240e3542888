import { createHmac } from 'node:crypto';
import type { GatewayBalanceTransaction } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { constantTimeEqual } from '@payrail/signing';
import type { StripeBalanceTransaction, StripeLastPaymentError } from './stripe-api.js';
import { decimalStringOf } from './stripe-transformers.js';

/** Stripe's own default (https://docs.stripe.com/webhooks#replay-attacks): an older delivery is taken for a replay. */
export const STRIPE_WEBHOOK_TOLERANCE_SECONDS = 300;

interface EventBasics {
  /** Stripe's `evt_…`: deliveries are deduplicated by it. */
  eventId: string;
  livemode: boolean;
  created: number;
}

/** The Stripe events Payrail acts on, in its own words; every other type is `ignored` (acknowledged, no change). */
export type StripeWebhookEvent =
  | (EventBasics & { kind: 'payment_succeeded'; paymentIntentId: string; attemptKey: string | null; amountReceived: number; currency: string })
  | (EventBasics & {
      kind: 'payment_failed';
      paymentIntentId: string;
      attemptKey: string | null;
      failure: { code: string | null; declineCode: string | null; message: string | null };
    })
  | (EventBasics & { kind: 'charge_refunded'; chargeId: string; paymentIntentId: string | null; amountRefunded: number; currency: string })
  | (EventBasics & {
      kind: 'dispute';
      /** Stripe's own type: `charge.dispute.<phase>`, or `charge.dispute.funds_withdrawn` / `funds_reinstated` (an update). */
      type: string;
      phase: 'created' | 'updated' | 'closed';
      disputeId: string;
      chargeId: string;
      paymentIntentId: string | null;
      amount: number;
      currency: string;
      reason: string;
      status: string;
      /** The dispute's movements of the balance (withdrawal, reinstatement), each as Stripe recorded it. */
      balanceTransactions: GatewayBalanceTransaction[];
    })
  | (EventBasics & { kind: 'ignored'; type: string });

/**
 * Checks `Stripe-Signature` (`t=…,v1=…[,v1=…]`: hex HMAC-SHA256 of `${t}.${rawBody}` with the endpoint's
 * secret; several v1 while a secret is rolled) and parses the event. The body must be the raw bytes as
 * received: re-serialised JSON does not verify. Refused deliveries are 401s that say nothing of the secret.
 */
export function verifyStripeWebhook(
  rawBody: string | Buffer,
  signatureHeader: string | undefined,
  endpointSecret: string,
  nowSeconds: number = Math.floor(Date.now() / 1000),
  toleranceSeconds: number = STRIPE_WEBHOOK_TOLERANCE_SECONDS,
): StripeWebhookEvent {
  const { timestamp, signatures } = parseSignatureHeader(signatureHeader);
  const expected = createHmac('sha256', endpointSecret).update(`${timestamp}.`).update(rawBody).digest('hex');
  // Every candidate is compared, so the time taken does not tell which one matched.
  const matches = signatures.map((signature) => constantTimeEqual(signature, expected));
  if (!matches.includes(true)) throw new PayrailError('signature_invalid', 'No signature in the Stripe-Signature header matches the payload.');
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) {
    throw new PayrailError('timestamp_out_of_range', 'The Stripe-Signature timestamp is outside the tolerance; a replayed delivery is refused.');
  }
  return stripeEventOf(parseBody(rawBody));
}

function parseSignatureHeader(header: string | undefined): { timestamp: number; signatures: string[] } {
  const pairs = (header ?? '').split(',').map((part) => {
    const at = part.indexOf('=');
    return at < 0 ? ['', ''] : [part.slice(0, at).trim(), part.slice(at + 1).trim()];
  });
  const timestamps = pairs.filter(([name]) => name === 't').map(([, value]) => value);
  const timestamp = timestamps.length === 1 && /^\d{1,12}$/.test(timestamps[0]!) ? Number(timestamps[0]) : NaN;
  const signatures = pairs.filter(([name, value]) => name === 'v1' && value !== '').map(([, value]) => value!);
  if (Number.isNaN(timestamp) || signatures.length === 0) {
    throw new PayrailError('signature_invalid', 'The Stripe-Signature header needs one t= timestamp and at least one v1= signature.');
  }
  return { timestamp, signatures };
}

interface RawEvent {
  id?: unknown;
  type?: unknown;
  livemode?: unknown;
  created?: unknown;
  data?: { object?: Record<string, unknown> };
}

function parseBody(rawBody: string | Buffer): RawEvent {
  try {
    const event = JSON.parse(rawBody.toString()) as RawEvent;
    if (typeof event?.id === 'string' && typeof event.type === 'string' && typeof event.data?.object === 'object') return event;
  } catch {
    // Falls through to the refusal below.
  }
  throw new PayrailError('body_invalid', 'The Stripe event is not an event object.');
}

const DISPUTE_PHASES: Readonly<Record<string, 'created' | 'updated' | 'closed'>> = {
  'charge.dispute.created': 'created',
  'charge.dispute.updated': 'updated',
  'charge.dispute.closed': 'closed',
  'charge.dispute.funds_withdrawn': 'updated',
  'charge.dispute.funds_reinstated': 'updated',
};

function stripeEventOf(event: RawEvent): StripeWebhookEvent {
  const basics: EventBasics = { eventId: event.id as string, livemode: event.livemode === true, created: Number(event.created ?? 0) };
  const object = event.data!.object!;
  const type = event.type as string;
  switch (type) {
    case 'payment_intent.succeeded':
      return { ...basics, kind: 'payment_succeeded', paymentIntentId: text(object['id']), attemptKey: attemptKeyOf(object), amountReceived: num(object['amount_received']), currency: text(object['currency']) };
    case 'payment_intent.payment_failed': {
      const error = (object['last_payment_error'] ?? {}) as StripeLastPaymentError;
      return {
        ...basics,
        kind: 'payment_failed',
        paymentIntentId: text(object['id']),
        attemptKey: attemptKeyOf(object),
        failure: { code: error.code ?? null, declineCode: error.decline_code ?? null, message: error.message ?? null },
      };
    }
    case 'charge.refunded':
      return { ...basics, kind: 'charge_refunded', chargeId: text(object['id']), paymentIntentId: idOf(object['payment_intent']), amountRefunded: num(object['amount_refunded']), currency: text(object['currency']) };
    // `funds_withdrawn` and `funds_reinstated` announce that a dispute moved money (the withdrawal, a won
    // dispute's reinstatement): the dispute as it stands, with the movement among its balance transactions.
    case 'charge.dispute.created':
    case 'charge.dispute.updated':
    case 'charge.dispute.closed':
    case 'charge.dispute.funds_withdrawn':
    case 'charge.dispute.funds_reinstated':
      return {
        ...basics,
        kind: 'dispute',
        type,
        phase: DISPUTE_PHASES[type],
        disputeId: text(object['id']),
        chargeId: idOf(object['charge']) ?? '',
        paymentIntentId: idOf(object['payment_intent']),
        amount: num(object['amount']),
        currency: text(object['currency']),
        reason: text(object['reason']),
        status: text(object['status']),
        balanceTransactions: balanceTransactionsOf(object['balance_transactions']),
      };
    default:
      return { ...basics, kind: 'ignored', type };
  }
}

/**
 * A dispute's `balance_transactions` (always sent whole, never only ids): those that read as movements of the
 * balance, each with its rate as exact decimal text when Stripe converted it. One that does not read is left
 * out rather than guessed at.
 */
function balanceTransactionsOf(value: unknown): GatewayBalanceTransaction[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown): GatewayBalanceTransaction[] => {
    const transaction = (typeof item === 'object' && item !== null ? item : {}) as Partial<Record<keyof StripeBalanceTransaction, unknown>>;
    const { id, amount, currency, fee, exchange_rate: rate } = transaction;
    if (typeof id !== 'string' || id === '' || typeof currency !== 'string' || currency === '' || !Number.isSafeInteger(amount) || !Number.isSafeInteger(fee)) return [];
    const exchangeRate = rate === null || rate === undefined ? null : decimalStringOf(rate as number);
    if (exchangeRate === undefined) return [];
    return [{ id, amount: amount as number, currency: currency.toLowerCase(), fee: fee as number, exchangeRate }];
  });
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** A reference Stripe sends as an id, or as the object when expanded. */
function idOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  const id = (value as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : null;
}

function attemptKeyOf(object: Record<string, unknown>): string | null {
  const key = (object['metadata'] as Record<string, unknown> | undefined)?.['payrail_attempt_key'];
  return typeof key === 'string' ? key : null;
}
