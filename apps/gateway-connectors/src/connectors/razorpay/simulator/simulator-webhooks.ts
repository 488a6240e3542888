import { randomUUID } from 'node:crypto';
import type { RazorpayPayment, RazorpayRefund } from '../razorpay-wire.js';
import { webhookSignature } from '../razorpay-signatures.js';
import { badRequest } from './simulator-errors.js';
import { newId, nowSeconds, type SimulatorLedger } from './simulator-ledger.js';

export const WEBHOOK_EVENTS = ['payment.authorized', 'payment.captured', 'payment.failed', 'refund.processed', 'payment.dispute.created'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export interface WebhookRequest {
  event?: unknown;
  payment_id?: unknown;
  refund_id?: unknown;
  url?: unknown;
  secret?: unknown;
}

export interface WebhookDelivery {
  event_id: string;
  /** The receiver's HTTP status. */
  status: number;
  signature: string;
  body: string;
}

/** Razorpay's webhook payload: `{entity: 'event', event, contains, payload: {<entity>: {entity: {...}}}, created_at}`. */
export function webhookBody(ledger: SimulatorLedger, accountId: string, request: WebhookRequest): string {
  if (typeof request.event !== 'string' || !(WEBHOOK_EVENTS as readonly string[]).includes(request.event)) {
    throw badRequest(`event must be one of: ${WEBHOOK_EVENTS.join(', ')}`, 'event');
  }
  const event = request.event as WebhookEvent;
  const payload: Record<string, { entity: object }> = {};
  if (event === 'refund.processed') {
    const refund = ledger.refundById(typeof request.refund_id === 'string' ? request.refund_id : '');
    payload['refund'] = { entity: refund };
    payload['payment'] = { entity: ledger.payment(refund.payment_id) };
  } else {
    const payment = ledger.payment(typeof request.payment_id === 'string' ? request.payment_id : '');
    payload['payment'] = { entity: payment };
    if (event === 'payment.dispute.created') payload['dispute'] = { entity: disputeOf(payment) };
  }
  return JSON.stringify({ entity: 'event', account_id: accountId, event, contains: Object.keys(payload), payload, created_at: nowSeconds() });
}

/** Posts the event as Razorpay does: the raw JSON body signed in `X-Razorpay-Signature` with the webhook secret. */
export async function deliverWebhook(body: string, request: WebhookRequest): Promise<WebhookDelivery> {
  if (typeof request.url !== 'string' || !/^https?:\/\//.test(request.url)) throw badRequest('url must be an http(s) URL', 'url');
  if (typeof request.secret !== 'string' || request.secret === '') throw badRequest('secret is required', 'secret');
  const signature = webhookSignature(body, request.secret);
  const eventId = `evt_${randomUUID().replaceAll('-', '').slice(0, 14)}`;
  const response = await fetch(request.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-razorpay-signature': signature, 'x-razorpay-event-id': eventId },
    body,
    signal: AbortSignal.timeout(5000),
  });
  await response.arrayBuffer();
  return { event_id: eventId, status: response.status, signature, body };
}

function disputeOf(payment: RazorpayPayment | RazorpayRefund): object {
  return {
    id: newId('disp'),
    entity: 'dispute',
    payment_id: payment.id,
    amount: payment.amount,
    currency: payment.currency,
    amount_deducted: 0,
    reason_code: 'chargeback',
    reason_description: 'The cardholder disputed the payment with their bank.',
    respond_by: nowSeconds() + 7 * 24 * 3600,
    status: 'open',
    phase: 'chargeback',
    comments: null,
    evidence: null,
    created_at: nowSeconds(),
  };
}
