import type { DeclineCode, GatewayFailureCode } from '@payrail/contracts';

/**
 * Stripe's test cards, by token and by number, with the outcome Stripe gives each
 * (https://docs.stripe.com/testing). The numbers are public test numbers, never real cards.
 */
export interface TestCardOutcome {
  /** `requires_action`: the issuer asks for 3D Secure before it authorises. */
  outcome: 'succeeded' | 'declined' | 'requires_action';
  riskLevel: 'normal' | 'elevated';
  sellerMessage: string;
  failureCode?: GatewayFailureCode;
  declineCode?: DeclineCode;
  failureMessage?: string;
  /** Stripe's `pm_card_createDispute`: the payment succeeds, and the cardholder disputes it right away. */
  disputedAfterSuccess?: true;
  /** Stripe's `pm_card_pendingRefund`: the payment succeeds; a refund of it answers `pending`, then succeeds. */
  refundPending?: true;
}

export interface TestCard {
  token: string;
  pan: string;
  brand: 'visa' | 'mastercard' | 'amex' | 'discover' | 'diners' | 'jcb' | 'unionpay';
  funding: 'credit' | 'debit';
  country: string;
  result: TestCardOutcome;
}

/** Test cards accept any future expiry; the sandbox reports one fixed date so that results are reproducible. */
export const SANDBOX_EXP_MONTH = 12;
export const SANDBOX_EXP_YEAR = 2034;

const approved: TestCardOutcome = { outcome: 'succeeded', riskLevel: 'normal', sellerMessage: 'Payment complete.' };
const authenticationRequired: TestCardOutcome = { outcome: 'requires_action', riskLevel: 'normal', sellerMessage: 'The issuer requires 3D Secure authentication.' };

function declined(failureCode: GatewayFailureCode, declineCode: DeclineCode, failureMessage: string, riskLevel: 'normal' | 'elevated' = 'normal'): TestCardOutcome {
  const sellerMessage = declineCode === 'generic_decline'
    ? 'The bank did not return any further details with this decline.'
    : `The bank returned the decline code \`${declineCode}\`.`;
  return { outcome: 'declined', riskLevel, sellerMessage, failureCode, declineCode, failureMessage };
}

export const DECLINE_MESSAGES = {
  generic: 'Your card was declined.',
  insufficientFunds: 'Your card has insufficient funds.',
  expired: 'Your card has expired.',
  incorrectCvc: "Your card's security code is incorrect.",
  processingError: 'An error occurred while processing your card. Try again in a little bit.',
  authenticationRequired: 'Your card was declined. This transaction requires authentication.',
  authenticationFailed:
    'The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.',
  liveCardInTestMode:
    'Your card was declined. Your request was in test mode, but used a non test (live) card. For a list of valid test cards, visit: https://stripe.com/docs/testing.',
} as const;

const visa = { brand: 'visa', funding: 'credit', country: 'US' } as const;

export const TEST_CARDS: readonly TestCard[] = [
  { token: 'pm_card_visa', pan: '4242424242424242', ...visa, result: approved },
  { token: 'pm_card_mastercard', pan: '5555555555554444', brand: 'mastercard', funding: 'credit', country: 'US', result: approved },
  { token: 'pm_card_amex', pan: '378282246310005', brand: 'amex', funding: 'credit', country: 'US', result: approved },
  { token: 'pm_card_createDispute', pan: '4000000000000259', ...visa, result: { ...approved, disputedAfterSuccess: true } },
  { token: 'pm_card_pendingRefund', pan: '4000000000007726', ...visa, result: { ...approved, refundPending: true } },
  { token: 'pm_card_chargeDeclined', pan: '4000000000000002', ...visa, result: declined('card_declined', 'generic_decline', DECLINE_MESSAGES.generic) },
  {
    token: 'pm_card_chargeDeclinedInsufficientFunds',
    pan: '4000000000009995',
    ...visa,
    result: declined('card_declined', 'insufficient_funds', DECLINE_MESSAGES.insufficientFunds),
  },
  { token: 'pm_card_chargeDeclinedExpiredCard', pan: '4000000000000069', ...visa, result: declined('expired_card', 'expired_card', DECLINE_MESSAGES.expired) },
  { token: 'pm_card_chargeDeclinedIncorrectCvc', pan: '4000000000000127', ...visa, result: declined('incorrect_cvc', 'incorrect_cvc', DECLINE_MESSAGES.incorrectCvc) },
  {
    token: 'pm_card_chargeDeclinedProcessingError',
    pan: '4000000000000119',
    ...visa,
    result: declined('processing_error', 'processing_error', DECLINE_MESSAGES.processingError),
  },
  {
    token: 'pm_card_chargeDeclinedFraudulent',
    pan: '4100000000000019',
    ...visa,
    result: declined('card_declined', 'fraudulent', DECLINE_MESSAGES.generic, 'elevated'),
  },
  // On-session payments with these cards ask for 3D Secure (off-session payments are not supported yet).
  { token: 'pm_card_authenticationRequired', pan: '4000002760003184', ...visa, result: authenticationRequired },
  { token: 'pm_card_authenticationRequiredOnSetup', pan: '4000002500003155', ...visa, result: authenticationRequired },
  { token: 'pm_card_threeDSecure2Required', pan: '4000000000003220', ...visa, result: authenticationRequired },
  { token: 'pm_card_threeDSecureRequired', pan: '4000000000003063', ...visa, result: authenticationRequired },
  // Stripe's test cards of the other brands a PaymentMethod can be created with.
  { token: 'pm_card_discover', pan: '6011111111111117', brand: 'discover', funding: 'credit', country: 'US', result: approved },
  { token: 'pm_card_diners', pan: '3056930009020004', brand: 'diners', funding: 'credit', country: 'US', result: approved },
  { token: 'pm_card_jcb', pan: '3566002020360505', brand: 'jcb', funding: 'credit', country: 'US', result: approved },
  { token: 'pm_card_unionpay', pan: '6200000000000005', brand: 'unionpay', funding: 'credit', country: 'US', result: approved },
];

const byToken = new Map(TEST_CARDS.map((card) => [card.token, card]));
const byPan = new Map(TEST_CARDS.map((card) => [card.pan, card]));

export function testCardByToken(token: string): TestCard | undefined {
  return byToken.get(token);
}

export function testCardByNumber(pan: string): TestCard | undefined {
  return byPan.get(pan);
}
