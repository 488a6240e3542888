import type { DisputeEvidence } from '../resources/dispute.resource.js';
import type { ListParams, Metadata } from '../resources/list.js';

export interface ListDisputesParams extends ListParams {
  payment_intent?: string;
  charge?: string;
}

/** `POST /v1/disputes/:id`: text evidence (merged into what was given before), metadata, and `submit`. */
export interface UpdateDisputeParams {
  id: string;
  evidence?: DisputeEvidence;
  metadata?: Metadata;
  /** Stripe's default: evidence is submitted at once; `false` only stages it. */
  submit?: boolean;
}
