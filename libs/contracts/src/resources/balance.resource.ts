/** One currency's amount in a balance, as Stripe's Balance object shows it. */
export class BalanceAmount {
  amount: number;
  currency: string;
  source_types: { card: number };
}

/** Stripe's Balance: what the merchant holds, available to pay out and still pending, per currency. */
export class BalanceResource {
  object: 'balance';
  available: BalanceAmount[];
  pending: BalanceAmount[];
  livemode: boolean;
}

export const BALANCE_TRANSACTION_TYPES = ['charge', 'refund', 'adjustment'] as const;
export type BalanceTransactionType = (typeof BALANCE_TRANSACTION_TYPES)[number];

export class FeeDetail {
  amount: number;
  application: null;
  currency: string;
  description: string;
  /** Stripe's name for the processor's own fee: what the merchant's pricing plan charges. */
  type: 'stripe_fee';
}

/** Stripe's BalanceTransaction: one movement of the merchant's balance, with its fee and net. */
export class BalanceTransactionResource {
  id: string;
  object: 'balance_transaction';
  /** Gross, in minor units: positive for money in (a charge), negative for money out (a refund). */
  amount: number;
  /** Unix seconds when the net becomes available. */
  available_on: number;
  created: number;
  currency: string;
  description: string | null;
  exchange_rate: null;
  fee: number;
  fee_details: FeeDetail[];
  net: number;
  reporting_category: 'charge' | 'refund' | 'dispute' | 'dispute_reversal';
  /** The charge, refund or dispute it records. */
  source: string;
  status: 'pending' | 'available';
  type: BalanceTransactionType;
  livemode: boolean;
}
