import type { Metadata } from './list.js';

export const DISPUTE_STATUSES = [
  'warning_needs_response',
  'warning_under_review',
  'warning_closed',
  'needs_response',
  'under_review',
  'won',
  'lost',
] as const;

export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

/** Stripe's dispute reasons; a gateway's other reasons arrive as `general`. */
export const DISPUTE_REASONS = [
  'bank_cannot_process',
  'check_returned',
  'credit_not_processed',
  'customer_initiated',
  'debit_not_authorized',
  'duplicate',
  'fraudulent',
  'general',
  'incorrect_account_details',
  'insufficient_funds',
  'product_not_received',
  'product_unacceptable',
  'subscription_canceled',
  'unrecognized',
] as const;

export type DisputeReason = (typeof DISPUTE_REASONS)[number];

/** The text evidence a merchant can submit; Stripe's file evidence fields are not implemented. */
export const DISPUTE_EVIDENCE_FIELDS = [
  'access_activity_log',
  'billing_address',
  'cancellation_policy_disclosure',
  'cancellation_rebuttal',
  'customer_communication',
  'customer_email_address',
  'customer_name',
  'customer_purchase_ip',
  'duplicate_charge_explanation',
  'duplicate_charge_id',
  'product_description',
  'refund_policy_disclosure',
  'refund_refusal_explanation',
  'service_date',
  'shipping_address',
  'shipping_carrier',
  'shipping_date',
  'shipping_tracking_number',
  'uncategorized_text',
] as const;

export type DisputeEvidenceField = (typeof DISPUTE_EVIDENCE_FIELDS)[number];
export type DisputeEvidence = Partial<Record<DisputeEvidenceField, string>>;

/** A Dispute as Stripe's API returns it (the fields Payrail implements). */
export class DisputeResource {
  id: string;
  object: 'dispute';
  amount: number;
  currency: string;
  charge: string;
  payment_intent: string;
  reason: DisputeReason;
  status: DisputeStatus;
  evidence: Record<DisputeEvidenceField, string | null>;
  evidence_details: { submission_count: number; has_evidence: boolean };
  is_charge_refundable: boolean;
  created: number;
  livemode: boolean;
  metadata: Metadata;
}
