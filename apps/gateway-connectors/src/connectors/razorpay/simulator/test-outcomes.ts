import type { RazorpayErrorBody } from '../razorpay-wire.js';

type PaymentError = RazorpayErrorBody['error'];
/** The reason is the outcome's own name. */
type FailureShape = Pick<PaymentError, 'code' | 'source' | 'step' | 'description'>;

/**
 * How a test payment at the simulated Checkout ends: `success`, or one of Razorpay's documented failure
 * reasons (https://razorpay.com/docs/errors/payments/list) with the source and step Razorpay reports.
 */
export const FAILURE_OUTCOMES = {
  insufficient_funds: gatewayError('BAD_REQUEST_ERROR', 'customer', 'payment_authorization', 'Your payment could not be completed due to insufficient account balance. Try another card or payment method.'),
  card_declined: gatewayError('BAD_REQUEST_ERROR', 'issuer_bank', 'payment_authorization', 'Your payment has been declined by your bank. Try another card or payment method.'),
  authentication_failed: gatewayError('BAD_REQUEST_ERROR', 'customer', 'payment_authentication', 'Payment failed as authentication was not completed. Try again or use another payment method.'),
  card_expired: gatewayError('BAD_REQUEST_ERROR', 'customer', 'payment_initiation', 'Payment failed because the card has expired. Try another card.'),
  card_number_invalid: gatewayError('BAD_REQUEST_ERROR', 'customer', 'payment_initiation', 'Payment failed because the card number is invalid. Try another card.'),
  payment_risk_check_failed: gatewayError('BAD_REQUEST_ERROR', 'internal', 'payment_risk_check', 'The payment has been declined as it was flagged by a risk check.'),
  payment_cancelled: gatewayError('BAD_REQUEST_ERROR', 'customer', 'payment_authentication', 'Payment processing cancelled by user'),
  payment_timed_out: gatewayError('BAD_REQUEST_ERROR', 'customer', 'payment_authentication', 'Payment was not completed on time.'),
  authorisation_declined_by_psp: gatewayError('BAD_REQUEST_ERROR', 'customer', 'payment_authorization', 'Payment failed because the UPI app declined the request. Try another UPI app.'),
  gateway_technical_error: gatewayError('GATEWAY_ERROR', 'gateway', 'payment_authorization', 'Payment failed due to a technical error at the gateway. Try again.'),
  bank_technical_error: gatewayError('GATEWAY_ERROR', 'bank', 'payment_authorization', "Payment failed due to a technical error at the customer's bank. Try again."),
} as const satisfies Record<string, FailureShape>;

export type FailureOutcome = keyof typeof FAILURE_OUTCOMES;
export type TestOutcome = 'success' | FailureOutcome;

export function isTestOutcome(value: unknown): value is TestOutcome {
  return value === 'success' || (typeof value === 'string' && Object.hasOwn(FAILURE_OUTCOMES, value));
}

/** Razorpay's test VPAs: `success@razorpay` pays, `failure@razorpay` is declined by the UPI app. */
export function outcomeOfVpa(vpa: string): TestOutcome {
  return vpa === 'failure@razorpay' ? 'authorisation_declined_by_psp' : 'success';
}

export interface TestCard {
  last4: string;
  network: string;
  type: 'credit' | 'debit' | 'prepaid';
  international: boolean;
}

/** The card a test payment used, as Razorpay shows it: the number itself is read here and dropped. */
export function describeTestCard(number: string): TestCard | null {
  const digits = number.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(digits) || !passesLuhn(digits)) return null;
  return { last4: digits.slice(-4), network: networkOf(digits), type: digits.startsWith('5267') ? 'debit' : 'credit', international: false };
}

function networkOf(digits: string): string {
  if (digits.startsWith('4')) return 'Visa';
  if (/^5[1-5]|^2[2-7]/.test(digits)) return 'MasterCard';
  if (/^3[47]/.test(digits)) return 'American Express';
  if (/^36|^30|^38/.test(digits)) return 'Diners Club';
  if (/^60|^65|^81|^82|^508/.test(digits)) return 'RuPay';
  return 'Unknown';
}

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

function gatewayError(code: PaymentError['code'], source: string, step: string, description: string): FailureShape {
  return { code, description, source, step };
}
