import type { Metadata } from './list.js';

export interface WebhookEndpointResource {
  id: string;
  object: 'webhook_endpoint';
  url: string;
  enabled_events: string[];
  status: 'enabled' | 'disabled';
  description: string | null;
  api_version: string | null;
  created: number;
  livemode: boolean;
  metadata: Metadata;
  /** Returned only by create, as Stripe does. */
  secret?: string;
}
