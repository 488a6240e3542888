import { DISPUTE_EVIDENCE_FIELDS, type DisputeEvidenceField, type DisputeResource } from '@payrail/contracts';
import type { DisputeEntity } from './dispute.entity.js';

/** Statuses after which the bank has decided: the charge can no longer be refunded instead. */
const DECIDED: ReadonlySet<string> = new Set(['won', 'lost', 'warning_closed']);

export function toDisputeResource(entity: DisputeEntity): DisputeResource {
  const evidence = Object.fromEntries(DISPUTE_EVIDENCE_FIELDS.map((field) => [field, entity.evidence[field] ?? null])) as Record<DisputeEvidenceField, string | null>;
  return {
    id: entity.id,
    object: 'dispute',
    amount: Number(entity.amount),
    currency: entity.currency,
    charge: entity.chargeId,
    payment_intent: entity.paymentIntentId,
    reason: entity.reason,
    status: entity.status,
    evidence,
    evidence_details: { submission_count: entity.submissionCount, has_evidence: Object.keys(entity.evidence).length > 0 },
    is_charge_refundable: !DECIDED.has(entity.status) && entity.status !== 'under_review',
    created: Math.floor(entity.createdAt.getTime() / 1000),
    livemode: entity.livemode,
    metadata: entity.metadata,
  };
}
