/**
 * Everything a new merchant needs, in plaintext: what the bootstrap command prints once (and the
 * embedded runtime keeps in sandbox-credentials.json). Never stored anywhere else.
 */
export interface MerchantCredentials {
  merchant_id: string;
  secret_key: string;
  publishable_key: string;
  client_id: string;
  client_secret: string;
  username: string;
  password: string;
  signing_key: string;
  signing_secret: string;
  /** Only when bootstrap was asked for a live key (`--live`). */
  live_secret_key?: string;
}
