import type { Metadata } from './list.js';

export type PaymentIntentStatusValue =
  | 'requires_payment_method'
  | 'requires_confirmation'
  | 'requires_action'
  | 'processing'
  | 'requires_capture'
  | 'succeeded'
  | 'canceled';

export interface LastPaymentError {
  type: 'card_error' | 'api_error';
  code: string;
  decline_code?: string;
  message: string;
  payment_method?: { id: string; type: string };
}

/** A PaymentIntent as Stripe's API returns it (the fields Payrail implements). */
export interface PaymentIntentResource {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_capturable: number;
  amount_received: number;
  currency: string;
  status: PaymentIntentStatusValue;
  client_secret: string;
  capture_method: 'automatic' | 'manual';
  confirmation_method: 'automatic' | 'manual';
  created: number;
  livemode: boolean;
  metadata: Metadata;
  description: string | null;
  payment_method: string | null;
  payment_method_types: string[];
  latest_charge: string | null;
  last_payment_error: LastPaymentError | null;
  next_action: null;
  canceled_at: number | null;
  cancellation_reason: string | null;
  customer: string | null;
  receipt_email: string | null;
  statement_descriptor: string | null;
}
