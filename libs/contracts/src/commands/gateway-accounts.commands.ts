import type { ListParams, Metadata } from '../resources/list.js';

/** Which fields `credentials` needs, and their shape, are the gateway's connector factory's rules. */
export interface CreateGatewayAccountParams {
  gateway: string;
  credentials?: Record<string, string>;
  webhook_secret?: string;
  enabled?: boolean;
  metadata?: Metadata;
}

/** `credentials` replaces the whole set; `metadata` is merged (an empty value unsets a key). */
export interface UpdateGatewayAccountParams {
  id: string;
  credentials?: Record<string, string>;
  webhook_secret?: string;
  enabled?: boolean;
  metadata?: Metadata;
}

export interface ListGatewayAccountsParams extends ListParams {
  gateway?: string;
}
