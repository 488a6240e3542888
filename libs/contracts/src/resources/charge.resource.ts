import type { Metadata } from './list.js';

export class CardDetails {
  brand: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  funding: string;
  country: string | null;
  fingerprint: string;
}

/**
 * How one call to a gateway account for a charge ended: `answered` (an approval, a decline or 3-D
 * Secure), `rejected` (the gateway refused the request itself), `unreachable` (nothing was processed,
 * so the next account was tried), `outcome_unknown` (no answer in time), `error`, or `circuit_open`
 * (not called, the account's circuit being open).
 */
export type GatewayAttemptOutcome = 'answered' | 'rejected' | 'unreachable' | 'outcome_unknown' | 'error' | 'circuit_open';

export class ChargeGatewayAttempt {
  /** Null for the built-in sandbox. */
  gateway_account: string | null;
  gateway: string;
  outcome: GatewayAttemptOutcome;
  /** The decline's code when the gateway answered with one; null otherwise. */
  failure_code: string | null;
  latency_ms: number;
  created: number;
}

/**
 * Payrail extension: the gateway account that took the charge, the gateway's own reference for it
 * (look it up in the gateway's dashboard) and every account tried, oldest first. Nothing secret.
 */
export class ChargeGateway {
  gateway_account: string | null;
  gateway: string;
  reference: string | null;
  attempts: ChargeGatewayAttempt[];
}

/** A Charge as Stripe's API returns it (the fields Payrail implements). */
export class ChargeResource {
  id: string;
  object: 'charge';
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  captured: boolean;
  paid: boolean;
  refunded: boolean;
  /** A cardholder disputed the charge with their bank (see /v1/disputes). */
  disputed: boolean;
  currency: string;
  status: 'succeeded' | 'pending' | 'failed';
  payment_intent: string;
  payment_method: string | null;
  created: number;
  livemode: boolean;
  metadata: Metadata;
  failure_code: string | null;
  failure_message: string | null;
  outcome: {
    network_status: string;
    reason: string | null;
    risk_level: string;
    seller_message: string;
    type: string;
  };
  payment_method_details: { type: 'card'; card: CardDetails } | { type: 'mpesa'; mpesa: MpesaPaymentDetails } | { type: 'upi'; upi: UpiPaymentDetails } | null;
  customer: string | null;
  description: string | null;
  receipt_email: string | null;
  receipt_number: string | null;
  /** A printable receipt page at the edge, behind an unguessable token; null for a failed charge. */
  receipt_url: string | null;
  statement_descriptor: string | null;
  /** The ledger's balance transaction for a captured charge (`txn_…`, expandable); null until captured. */
  balance_transaction: string | null;
  /** Payrail extension (see ChargeGateway); null on charges recorded before it existed. */
  gateway: ChargeGateway | null;
}

/** What a receipt page shows: merchant-safe fields only (no fingerprint, metadata, customer or email). */
export class ChargeReceiptView {
  id: string;
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  currency: string;
  status: ChargeResource['status'];
  captured: boolean;
  created: number;
  description: string | null;
  statement_descriptor: string | null;
  receipt_number: string | null;
  card: { brand: string; last4: string } | null;
  livemode: boolean;
}

/** An M-Pesa payment as the charge shows it: the receipt the customer got by SMS, and the phone's last digits. */
export class MpesaPaymentDetails {
  receipt_number: string | null;
  phone_number_last4: string;
}

/**
 * A UPI payment as Stripe's charge shows it: the payer's Virtual Payment Address (`name@bank`), null when the
 * gateway did not report it. It identifies a person: logs show it masked, as they show a card by last4 only.
 */
export class UpiPaymentDetails {
  vpa: string | null;
}
