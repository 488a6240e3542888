import type { Metadata } from './list.js';
import type { ReconciliationState } from './reconciliation.resource.js';

export type RefundStatusValue = 'pending' | 'requires_action' | 'succeeded' | 'failed' | 'canceled';

export class RefundResource {
  id: string;
  object: 'refund';
  amount: number;
  currency: string;
  charge: string;
  payment_intent: string;
  status: RefundStatusValue;
  reason: string | null;
  failure_reason: string | null;
  created: number;
  livemode: boolean;
  metadata: Metadata;
  /** Payrail extension: set while `pending` and being settled with the gateway (see ReconciliationState). */
  reconciliation: ReconciliationState | null;
}
