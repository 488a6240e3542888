import type { Metadata, ListParams } from '../resources/list.js';

export interface CreateWebhookEndpointParams {
  url: string;
  enabled_events: string[];
  description?: string;
  metadata?: Metadata;
}

export type ListWebhookEndpointsParams = ListParams;

export interface ListEventsParams extends ListParams {
  type?: string;
}

/** Events recorded after `after` (an event id), oldest first, at most `limit`. */
export interface ReplayEventsParams {
  after: string;
  limit: number;
}
