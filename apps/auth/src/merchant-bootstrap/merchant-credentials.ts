import type { MerchantCredentials } from '@payrail/contracts';

export type { MerchantCredentials };

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
