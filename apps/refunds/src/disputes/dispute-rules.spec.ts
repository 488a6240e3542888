import { PayrailError } from '@payrail/errors';
import { acceptsEvidence, checkEvidence, closedStatus, EVIDENCE_TEXT_MAX, isClosed, submittedStatus } from './dispute-rules.js';

function refusal(run: () => unknown): { code: string; param?: string } | null {
  try {
    run();
    return null;
  } catch (error) {
    const payrail = error as PayrailError;
    return { code: payrail.code, param: payrail.param };
  }
}

describe('dispute rules', () => {
  it('takes known text evidence fields and names the field it refuses', () => {
    expect(checkEvidence({ uncategorized_text: 'Delivered.', customer_name: '' })).toEqual({ uncategorized_text: 'Delivered.', customer_name: '' });
    expect(refusal(() => checkEvidence({ receipt: 'file_1' }))).toEqual({ code: 'parameter_unknown', param: 'evidence[receipt]' });
    expect(refusal(() => checkEvidence({ uncategorized_text: 'x'.repeat(EVIDENCE_TEXT_MAX + 1) }))).toEqual({ code: 'parameter_invalid', param: 'evidence[uncategorized_text]' });
    expect(refusal(() => checkEvidence({ uncategorized_text: 'x'.repeat(EVIDENCE_TEXT_MAX) }))).toBeNull();
  });

  it('moves inquiries and chargebacks along their own statuses', () => {
    expect(acceptsEvidence('needs_response')).toBe(true);
    expect(acceptsEvidence('warning_needs_response')).toBe(true);
    expect(acceptsEvidence('under_review')).toBe(false);
    expect(acceptsEvidence('lost')).toBe(false);
    expect(submittedStatus('needs_response')).toBe('under_review');
    expect(submittedStatus('warning_needs_response')).toBe('warning_under_review');
    expect(closedStatus('needs_response')).toBe('lost');
    expect(closedStatus('warning_needs_response')).toBe('warning_closed');
    expect(['won', 'lost', 'warning_closed'].every((status) => isClosed(status as never))).toBe(true);
    expect(isClosed('under_review')).toBe(false);
  });
});
