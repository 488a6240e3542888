/** A ledger account's balance on its own (`GET /v1/accounts/{id}/balance`), in minor units of its currency. */
export class LedgerAccountBalanceResource {
  object: 'ledger_account_balance';
  /** The ledger account's id (`acct_…`). */
  account: string;
  currency: string;
  available_balance: number;
  pending_balance: number;
  livemode: boolean;
}
