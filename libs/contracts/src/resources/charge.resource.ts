import type { Metadata } from './list.js';

export interface CardDetails {
  brand: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  funding: string;
  country: string | null;
  fingerprint: string;
}

/** A Charge as Stripe's API returns it (the fields Payrail implements). */
export interface ChargeResource {
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
  payment_method_details: { type: 'card'; card: CardDetails } | { type: 'mpesa'; mpesa: MpesaPaymentDetails } | null;
  customer: string | null;
  description: string | null;
  receipt_email: string | null;
  receipt_number: string | null;
  /** A printable receipt page at the edge, behind an unguessable token; null for a failed charge. */
  receipt_url: string | null;
  statement_descriptor: string | null;
  /** Payrail keeps no balance ledger per charge yet. */
  balance_transaction: null;
}

/** What a receipt page shows: merchant-safe fields only (no fingerprint, metadata, customer or email). */
export interface ChargeReceiptView {
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
export interface MpesaPaymentDetails {
  receipt_number: string | null;
  phone_number_last4: string;
}
