import { PUBLIC_EVENT_TYPES } from './topic-map.js';

/**
 * Every event type a webhook endpoint may enable: what the services publish today (PUBLIC_EVENT_TYPES),
 * and Stripe's types for the objects Payrail serves that it does not announce yet, so that a merchant's
 * Stripe-shaped subscription is accepted. Never renamed once listed. (M-Pesa payments are announced as
 * payment intents and charges are, whatever the method.)
 */
export const WEBHOOK_EVENT_CATALOGUE = [
  ...PUBLIC_EVENT_TYPES,
  'payment_intent.partially_funded',
  'charge.pending',
  'charge.updated',
  'charge.expired',
  'charge.dispute.funds_withdrawn',
  'charge.dispute.funds_reinstated',
  'payment_method.updated',
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
  /** Sent by webhook-dispatch itself to a merchant's other endpoints when it disables one. */
  'webhook_endpoint.disabled',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_CATALOGUE)[number];

/** The type of the event `POST /v1/webhook_endpoints/{id}/test` sends; delivered to that endpoint only. */
export const TEST_EVENT_TYPE = 'payrail.test';
