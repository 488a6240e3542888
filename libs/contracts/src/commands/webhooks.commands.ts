import type { CreatedFilter } from './payments.commands.js';
import type { Metadata, ListParams } from '../resources/list.js';

export interface CreateWebhookEndpointParams {
  url: string;
  enabled_events: string[];
  description?: string;
  metadata?: Metadata;
  api_version?: string;
  /** `payrail` (default), `stripe`, `standard-webhooks` or `sha256-hex`; fixed for the endpoint's life. */
  signature_scheme?: string;
  /** Delays before each retry, in seconds; omitted, the platform's default schedule. */
  retry_schedule?: number[];
}

/** Only what is given changes; `metadata` merges as Stripe's does (an empty value removes a key). */
export interface UpdateWebhookEndpointParams {
  id: string;
  url?: string;
  enabled_events?: string[];
  description?: string;
  metadata?: Metadata;
  /** `true` stops deliveries; `false` re-enables, including an endpoint the platform disabled. */
  disabled?: boolean;
  /** An empty list returns to the platform's default schedule. */
  retry_schedule?: number[];
}

export interface RotateWebhookEndpointSecretParams {
  id: string;
  /** Seconds the current secret keeps signing beside the new one; 0 retires it at once. Default 24 h. */
  expires_in?: number;
}

export type ListWebhookEndpointsParams = ListParams;

export interface ListEventsParams extends ListParams {
  type?: string;
  created?: CreatedFilter;
}

/** Events recorded after `after` (an event id), oldest first, at most `limit`. */
export interface ReplayEventsParams {
  after: string;
  limit: number;
}

/** The caller's events among `ids` (unknown and others' ids are left out), in their stored order. */
export interface PositionedEventsParams {
  ids: string[];
}

/** The deliveries of one endpoint or of one event (`id` is the endpoint's or the event's). */
export interface ListWebhookDeliveriesParams extends ListParams {
  id: string;
}

export interface ResendEventParams {
  id: string;
  /** One endpoint; omitted, every enabled endpoint subscribed to the event's type. */
  webhook_endpoint?: string;
}

/** The gateway API document's per-payment `webhook_url`, checked before the payment is created. */
export interface CheckTransactionWebhookParams {
  url: string;
}

/** Where one transaction's notifications (`payment.success`, …) go, signed with the merchant's signing key. */
export interface CreateTransactionWebhookParams {
  url: string;
  /** The Checkout Session that the document calls the transaction. */
  transaction_id: string;
  order_id: string | null;
  /** The signing key (`hk_…`) that created the payment: its secret signs, or the newest active one once it is rolled. */
  signing_key: string;
}
