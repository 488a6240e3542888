import type { Metadata, ListParams } from '../resources/list.js';

export interface CreatePaymentIntentParams {
  amount: number;
  currency: string;
  payment_method_types?: string[];
  capture_method?: 'automatic' | 'manual';
  confirmation_method?: 'automatic' | 'manual';
  description?: string;
  metadata?: Metadata;
  receipt_email?: string;
  statement_descriptor?: string;
  payment_method?: string;
  confirm?: boolean;
}

export interface ConfirmPaymentIntentParams {
  id: string;
  payment_method?: string;
  return_url?: string;
}

export interface ListPaymentIntentsParams extends ListParams {
  customer?: string;
}

/** What refunds needs to know about a charge before refunding it. */
export interface ChargeForRefundParams {
  payment_intent?: string;
  charge?: string;
}

export interface ChargeForRefundResult {
  chargeId: string;
  paymentIntentId: string;
  currency: string;
  amountCaptured: number;
  gatewayReference: string;
  connector: string;
}
