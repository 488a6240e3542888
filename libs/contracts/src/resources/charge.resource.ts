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
  payment_method_details: { type: 'card'; card: CardDetails } | null;
}
