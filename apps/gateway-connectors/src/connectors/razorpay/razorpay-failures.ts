import type { DeclineCode, GatewayFailureCode } from '@payrail/contracts';

export interface MappedFailure {
  failureCode: GatewayFailureCode;
  declineCode?: DeclineCode;
}

/**
 * Razorpay's payment failure `reason`s (https://razorpay.com/docs/errors/payments/list) in Payrail's
 * words. A reason missing here is a generic decline: the payment failed, whatever the cause.
 */
const BY_REASON: Readonly<Record<string, MappedFailure>> = {
  insufficient_funds: { failureCode: 'card_declined', declineCode: 'insufficient_funds' },
  card_declined: { failureCode: 'card_declined', declineCode: 'generic_decline' },
  debit_instrument_blocked: { failureCode: 'card_declined', declineCode: 'do_not_honor' },
  debit_instrument_inactive: { failureCode: 'card_declined', declineCode: 'do_not_honor' },
  authorisation_declined_by_psp: { failureCode: 'card_declined', declineCode: 'do_not_honor' },
  payment_risk_check_failed: { failureCode: 'card_declined', declineCode: 'fraudulent' },
  card_network_not_enabled: { failureCode: 'card_declined', declineCode: 'card_not_supported' },
  invalid_currency: { failureCode: 'card_declined', declineCode: 'currency_not_supported' },
  card_expired: { failureCode: 'expired_card', declineCode: 'expired_card' },
  card_number_invalid: { failureCode: 'incorrect_number', declineCode: 'incorrect_number' },
  // The customer did not finish authenticating at Checkout (wrong OTP, cancelled, ran out of time).
  authentication_failed: { failureCode: 'payment_intent_authentication_failure' },
  payment_cancelled: { failureCode: 'payment_intent_authentication_failure' },
  payment_timed_out: { failureCode: 'payment_intent_authentication_failure' },
  gateway_technical_error: { failureCode: 'processing_error', declineCode: 'processing_error' },
  bank_technical_error: { failureCode: 'processing_error', declineCode: 'try_again_later' },
  server_error: { failureCode: 'processing_error', declineCode: 'processing_error' },
};

const GENERIC: MappedFailure = { failureCode: 'card_declined', declineCode: 'generic_decline' };

export function mapFailureReason(reason: string | null | undefined): MappedFailure {
  return (reason && Object.hasOwn(BY_REASON, reason) ? BY_REASON[reason] : undefined) ?? GENERIC;
}

/** The message shown to the customer: Payrail's, so that no gateway wording leaks into payments. */
export function failureMessage(failure: MappedFailure): string {
  switch (failure.failureCode) {
    case 'expired_card':
      return 'Your card has expired.';
    case 'incorrect_number':
      return 'Your card number is incorrect.';
    case 'incorrect_cvc':
      return "Your card's security code is incorrect.";
    case 'processing_error':
      return 'An error occurred while processing your payment. Try again in a little bit.';
    case 'authentication_required':
    case 'payment_intent_authentication_failure':
      return 'The customer did not complete the payment at Razorpay Checkout.';
    case 'card_declined':
      return failure.declineCode === 'insufficient_funds' ? 'Your card has insufficient funds.' : 'Your payment was declined.';
  }
}
