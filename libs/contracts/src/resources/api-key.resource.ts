import type { ApiKeyType } from '../commands/auth.commands.js';

/** `expiring`: rolled, still working until `expires_at`. */
export type ApiKeyStatus = 'active' | 'expiring' | 'expired' | 'revoked';

/** An API key as its owner sees it: redacted, except `secret` in the answer that creates it. */
export class ApiKeyResource {
  id: string;
  object: 'api_key';
  type: ApiKeyType;
  livemode: boolean;
  name: string | null;
  /** `sk_test_`, `pk_live_`, … */
  prefix: string;
  last4: string;
  /** `sk_test_****abcd` */
  redacted_key: string;
  created: number;
  expires_at: number | null;
  revoked_at: number | null;
  status: ApiKeyStatus;
  /** The whole key: returned by create and roll only, never stored nor shown again. */
  secret?: string;
}
