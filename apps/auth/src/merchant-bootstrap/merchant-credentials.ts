/** Everything a new merchant needs, in plaintext: returned once at creation and never again. */
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

export type SandboxCredentials = MerchantCredentials;

export interface BootstrapMerchantInput {
  name: string;
  /** Lower-cased; generated from the name when absent. */
  username?: string;
  /** Random when absent. */
  password?: string;
  email?: string;
  /** Also issue a live secret key: the way into live mode for a new deployment. */
  live?: boolean;
}

export const CREDENTIAL_FIELDS = [
  'merchant_id',
  'secret_key',
  'publishable_key',
  'client_id',
  'client_secret',
  'username',
  'password',
  'signing_key',
  'signing_secret',
] as const satisfies readonly (keyof MerchantCredentials)[];
