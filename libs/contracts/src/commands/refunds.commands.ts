import type { Metadata, ListParams } from '../resources/list.js';

export interface CreateRefundParams {
  payment_intent?: string;
  charge?: string;
  amount?: number;
  reason?: 'duplicate' | 'fraudulent' | 'requested_by_customer';
  metadata?: Metadata;
}

export interface ListRefundsParams extends ListParams {
  payment_intent?: string;
  charge?: string;
}
