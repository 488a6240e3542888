import { DECLINE_CODES, GATEWAY_FAILURE_CODES } from '@payrail/contracts';
import { failureMessage, mapFailureReason } from './razorpay-failures.js';
import { FAILURE_OUTCOMES } from './simulator/test-outcomes.js';

describe('Razorpay failure reasons in Payrail codes', () => {
  it.each([
    ['insufficient_funds', 'card_declined', 'insufficient_funds', 'Your card has insufficient funds.'],
    ['card_declined', 'card_declined', 'generic_decline', 'Your payment was declined.'],
    ['card_expired', 'expired_card', 'expired_card', 'Your card has expired.'],
    ['card_number_invalid', 'incorrect_number', 'incorrect_number', 'Your card number is incorrect.'],
    ['payment_risk_check_failed', 'card_declined', 'fraudulent', 'Your payment was declined.'],
    ['authentication_failed', 'payment_intent_authentication_failure', undefined, 'The customer did not complete the payment at Razorpay Checkout.'],
    ['payment_cancelled', 'payment_intent_authentication_failure', undefined, 'The customer did not complete the payment at Razorpay Checkout.'],
    ['authorisation_declined_by_psp', 'card_declined', 'do_not_honor', 'Your payment was declined.'],
    ['gateway_technical_error', 'processing_error', 'processing_error', 'An error occurred while processing your payment. Try again in a little bit.'],
    ['bank_technical_error', 'processing_error', 'try_again_later', 'An error occurred while processing your payment. Try again in a little bit.'],
  ])('%s → %s / %s', (reason, failureCode, declineCode, message) => {
    const mapped = mapFailureReason(reason);
    expect(mapped).toEqual({ failureCode, ...(declineCode ? { declineCode } : {}) });
    expect(failureMessage(mapped)).toBe(message);
  });

  it('maps every outcome the simulator can produce to a code of the catalogue', () => {
    for (const reason of Object.keys(FAILURE_OUTCOMES)) {
      const mapped = mapFailureReason(reason);
      expect(GATEWAY_FAILURE_CODES).toContain(mapped.failureCode);
      if (mapped.declineCode) expect(DECLINE_CODES).toContain(mapped.declineCode);
    }
  });

  it('declines generically for a reason it does not know, or none, and never for an inherited property name', () => {
    expect(mapFailureReason('some_new_reason')).toEqual({ failureCode: 'card_declined', declineCode: 'generic_decline' });
    expect(mapFailureReason(null)).toEqual({ failureCode: 'card_declined', declineCode: 'generic_decline' });
    expect(mapFailureReason('constructor')).toEqual({ failureCode: 'card_declined', declineCode: 'generic_decline' });
  });
});
