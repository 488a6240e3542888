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

/**
 * Nonces of notifications Payrail signs start with this, and a request whose nonce does is refused:
 * a notification's signature can never be replayed to Payrail as the merchant's own request.
 */
export const NOTIFICATION_NONCE_PREFIX = 'whn_';

/** Signed as `METHOD\nPATH\nTIMESTAMP\nNONCE\nBODY`, as the merchant signs its requests to Payrail. */
export interface SignNotificationParams {
  key: string;
  method: string;
  path: string;
  timestamp: string;
  /** Starts with NOTIFICATION_NONCE_PREFIX. */
  nonce: string;
  body: string;
}

export interface SignedNotification {
  /** The key whose secret signed: the one asked for, or the merchant's newest active one in its mode once that was rolled. */
  key: string;
  signature: string;
}
