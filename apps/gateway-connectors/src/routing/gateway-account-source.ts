import type { Caller } from '@payrail/contracts';

/** A gateway account as routing sees it; its credentials are unsealed only when a connector is built. */
export interface RoutableAccount {
  id: string;
  gateway: string;
  livemode: boolean;
  /** Changes whenever the account does (its `updated_at`): a connector built from older credentials is not reused. */
  version: number;
  openCredentials(): Readonly<Record<string, string>>;
}

/** The merchants' gateway accounts, for the connector registry. */
export abstract class GatewayAccountSource {
  /** The caller's enabled accounts in its mode, oldest first: the order routing tries them in. */
  abstract enabledAccounts(caller: Caller): Promise<RoutableAccount[]>;
  /** One of the caller's accounts, disabled and deleted ones included: follow-ups reach the account that authorised. */
  abstract account(caller: Caller, id: string): Promise<RoutableAccount | null>;
}
