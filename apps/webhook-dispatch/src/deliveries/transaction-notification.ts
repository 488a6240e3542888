import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { NOTIFICATION_NONCE_PREFIX, Patterns, type EventResource } from '@payrail/contracts';
import { currencyExponent } from '@payrail/domain';
import { MessageClient } from '@payrail/messaging';
import type { TransactionTarget, WebhookEndpointEntity } from '../webhook-endpoints/webhook-endpoint.entity.js';
import { WEBHOOK_USER_AGENT, type WebhookRequest } from './webhook-request.js';

/** Payrail's events that are a transaction's notifications, as the gateway API document names them. */
const DOCUMENT_EVENTS = {
  // Once per payment attempt that waits on the customer or the gateway (an M-Pesa prompt, an async method).
  'payment_intent.processing': { event: 'payment.pending', status: 'pending' },
  'checkout.session.completed': { event: 'payment.success', status: 'success' },
  'checkout.session.expired': { event: 'payment.failed', status: 'failed' },
  'charge.refunded': { event: 'payment.refunded', status: 'refunded' },
  'charge.dispute.created': { event: 'payment.disputed', status: 'disputed' },
} as const;

type TransactionEventType = keyof typeof DOCUMENT_EVENTS;

export const TRANSACTION_EVENT_TYPES = Object.keys(DOCUMENT_EVENTS) as TransactionEventType[];
/** Events about the session itself. */
export const SESSION_EVENT_TYPES: readonly string[] = ['checkout.session.completed', 'checkout.session.expired'];
/** Events whose object is the session's PaymentIntent; the rest are about its charge (and name the PaymentIntent). */
export const PAYMENT_INTENT_EVENT_TYPES: readonly string[] = ['payment_intent.processing'];

export function isTransactionEventType(type: string): type is TransactionEventType {
  return type in DOCUMENT_EVENTS;
}

/** The fields of the event objects read here: a Checkout Session, a PaymentIntent, a Charge or a Dispute. */
interface NotifiedObject {
  id: string;
  currency: string;
  amount?: number;
  amount_total?: number;
  amount_refunded?: number;
  payment_intent?: string | null;
  charge?: string;
}

/** The document's webhook payload, with `refunded_amount` on a refund. */
export function documentPayload(event: EventResource, target: TransactionTarget): Record<string, unknown> {
  if (!isTransactionEventType(event.type)) throw new Error(`${event.type} is not a transaction notification`);
  const object = event.data.object as unknown as NotifiedObject;
  const major = (minor: number) => minor / 10 ** currencyExponent(object.currency);
  const isSession = SESSION_EVENT_TYPES.includes(event.type);
  return {
    event: DOCUMENT_EVENTS[event.type].event,
    transaction_id: target.id,
    order_id: target.order_id,
    amount: major(isSession ? (object.amount_total ?? 0) : (object.amount ?? 0)),
    currency: object.currency.toUpperCase(),
    status: DOCUMENT_EVENTS[event.type].status,
    gateway_ref: gatewayRef(event.type, object),
    ...(event.type === 'charge.refunded' ? { refunded_amount: major(object.amount_refunded ?? 0) } : {}),
    timestamp: new Date(event.created * 1000).toISOString().replace('.000Z', 'Z'),
  };
}

/** The gateway side's reference: the PaymentIntent of a session or of a pending payment, the charge of a refund or dispute. */
function gatewayRef(type: TransactionEventType, object: NotifiedObject): string | null {
  if (SESSION_EVENT_TYPES.includes(type)) return object.payment_intent ?? null;
  if (PAYMENT_INTENT_EVENT_TYPES.includes(type) || type === 'charge.refunded') return object.id;
  return object.charge ?? null;
}

/**
 * A transaction's notification as the gateway API document's integrators verify it: the headers of
 * their own signed requests (`X-API-KEY`, `X-API-TIMESTAMP`, `X-API-NONCE`, `X-API-SIGNATURE` = hex
 * HMAC-SHA256 of `POST\nPATH\nTIMESTAMP\nNONCE\nBODY` with their secret key, PATH being the webhook
 * URL's path). The auth service signs, so the secret never leaves it; the nonce is fresh per attempt.
 */
@Injectable()
export class TransactionNotifications {
  constructor(private readonly client: MessageClient) {}

  async request(endpoint: WebhookEndpointEntity & { transaction: TransactionTarget }, event: EventResource, timestampSeconds: number): Promise<WebhookRequest> {
    const body = JSON.stringify(documentPayload(event, endpoint.transaction));
    const url = new URL(endpoint.url);
    const timestamp = String(timestampSeconds);
    const nonce = `${NOTIFICATION_NONCE_PREFIX}${randomUUID()}`;
    const signed = await this.client.send(Patterns.AuthSigningKeySignNotification, {
      caller: { merchantId: endpoint.merchantId, livemode: endpoint.livemode },
      params: { key: endpoint.transaction.signing_key, method: 'POST', path: `${url.pathname}${url.search}`, timestamp, nonce, body },
    });
    return {
      body,
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': WEBHOOK_USER_AGENT,
        'X-API-KEY': signed.key,
        'X-API-TIMESTAMP': timestamp,
        'X-API-NONCE': nonce,
        'X-API-SIGNATURE': signed.signature,
      },
    };
  }
}
