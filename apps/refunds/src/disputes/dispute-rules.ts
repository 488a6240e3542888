import { DISPUTE_EVIDENCE_FIELDS, type DisputeEvidence, type DisputeStatus } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';

/** Stripe's limit for a text evidence field. */
export const EVIDENCE_TEXT_MAX = 20_000;

const EVIDENCE_FIELDS: ReadonlySet<string> = new Set(DISPUTE_EVIDENCE_FIELDS);

/** Text evidence as given: known fields only, each within the limit; an empty string clears a field. */
export function checkEvidence(evidence: Readonly<Record<string, unknown>>): DisputeEvidence {
  for (const [field, value] of Object.entries(evidence)) {
    if (!EVIDENCE_FIELDS.has(field)) {
      throw new PayrailError('parameter_unknown', `Received unknown parameter: evidence[${field}]. Evidence takes text fields only.`, { param: `evidence[${field}]` });
    }
    if (typeof value !== 'string' || value.length > EVIDENCE_TEXT_MAX) {
      throw new PayrailError('parameter_invalid', `evidence[${field}] must be text of at most ${EVIDENCE_TEXT_MAX} characters.`, { param: `evidence[${field}]` });
    }
  }
  return evidence as DisputeEvidence;
}

/** Evidence may change while the merchant is asked to respond; afterwards the bank has it. */
export function acceptsEvidence(status: DisputeStatus): boolean {
  return status === 'needs_response' || status === 'warning_needs_response';
}

/** Submitting evidence puts the dispute under the bank's review. */
export function submittedStatus(status: DisputeStatus): DisputeStatus {
  return status === 'warning_needs_response' ? 'warning_under_review' : 'under_review';
}

/** Closing accepts the dispute: an inquiry (`warning_…`) closes, a chargeback is lost. */
export function closedStatus(status: DisputeStatus): DisputeStatus {
  return status.startsWith('warning_') ? 'warning_closed' : 'lost';
}

export function isClosed(status: DisputeStatus): boolean {
  return status === 'won' || status === 'lost' || status === 'warning_closed';
}
