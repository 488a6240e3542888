import type { ListParams } from '../resources/list.js';

export interface VerifyApiKeyParams {
  key: string;
}

export type ApiKeyType = 'secret' | 'publishable';

export interface VerifiedApiKey {
  keyId: string;
  merchantId: string;
  livemode: boolean;
  type: ApiKeyType;
  /** When the key stops working (unix ms), for an edge cache that must not outlive it; null: never. */
  expiresAt?: number | null;
}

export interface CreateApiKeyParams {
  type: ApiKeyType;
  livemode: boolean;
  name?: string;
}

export interface RollApiKeyParams {
  id: string;
  /** How long the old key keeps working; absent or 0: it stops at once. */
  expires_in_seconds?: number;
}

export type ListApiKeysParams = ListParams;

export type RetrieveAccountParams = Record<string, never>;
