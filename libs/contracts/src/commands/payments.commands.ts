import type { Metadata, ListParams } from '../resources/list.js';
import type { TimestampRange } from './customers.commands.js';
import type { ExpandParams } from './expand.commands.js';

export interface CreatePaymentIntentParams extends ExpandParams {
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
  customer?: string;
  /** Where the customer returns after 3D Secure; used with `confirm: true`. */
  return_url?: string;
}

export interface ConfirmPaymentIntentParams extends ExpandParams {
  id: string;
  payment_method?: string;
  return_url?: string;
  /** Razorpay Checkout's result for an intent whose next_action is `razorpay_checkout` (Payrail extension): both or neither. */
  razorpay_payment_id?: string;
  razorpay_signature?: string;
}

/** Stripe's `created` list filter: an exact unix second or a range. */
export type CreatedFilter = number | TimestampRange;

export interface ListPaymentIntentsParams extends ListParams, ExpandParams {
  customer?: string;
  created?: CreatedFilter;
}

/** `metadata: ''` clears all metadata; a key set to '' is removed (Stripe's update semantics). */
export interface UpdatePaymentIntentParams extends ExpandParams {
  id: string;
  amount?: number;
  currency?: string;
  customer?: string;
  description?: string;
  metadata?: Metadata | '';
  payment_method?: string;
  receipt_email?: string;
  statement_descriptor?: string;
  capture_method?: 'automatic' | 'manual';
}

export interface CapturePaymentIntentParams extends ExpandParams {
  id: string;
  amount_to_capture?: number;
  metadata?: Metadata | '';
}

export type CancellationReason = 'abandoned' | 'duplicate' | 'fraudulent' | 'requested_by_customer';

export interface CancelPaymentIntentParams extends ExpandParams {
  id: string;
  cancellation_reason?: CancellationReason;
}

/** The 3D Secure redirect page: not merchant-scoped, the single-use token bound to the intent is the credential. */
export interface AuthenticationPageParams {
  id: string;
  token: string;
}

export interface AuthenticationPageView {
  payment_intent: string;
  amount: number;
  currency: string;
  livemode: boolean;
}

export interface AuthenticatePaymentIntentParams extends AuthenticationPageParams {
  outcome: 'complete' | 'fail';
}

export interface AuthenticatePaymentIntentResult {
  payment_intent: string;
  status: string;
  /** `return_url` with `payment_intent`, `payment_intent_client_secret` and `redirect_status` added; null without one. */
  redirect_to: string | null;
}

export interface ListChargesParams extends ListParams, ExpandParams {
  payment_intent?: string;
  customer?: string;
  created?: CreatedFilter;
}

export interface ChargeReceiptParams {
  id: string;
  token: string;
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
