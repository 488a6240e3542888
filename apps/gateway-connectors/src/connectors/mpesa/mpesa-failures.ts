import type { DeclineCode, GatewayFailureCode } from '@payrail/contracts';

export interface MpesaFailure {
  failureCode: GatewayFailureCode;
  declineCode: DeclineCode;
  /** Payrail's words for the customer, so that no gateway wording leaks into payments. */
  message: string;
}

/** M-Pesa's STK `ResultCode`s Payrail tells apart; any other non-zero code is a generic failure. */
export const MPESA_RESULT = { success: 0, insufficientFunds: 1, cancelled: 1032, unreachable: 1037, wrongPin: 2001 } as const;

const BY_RESULT_CODE: ReadonlyMap<number, MpesaFailure> = new Map([
  [MPESA_RESULT.insufficientFunds, { failureCode: 'card_declined', declineCode: 'insufficient_funds', message: 'The M-Pesa account has insufficient funds for this payment.' }],
  [MPESA_RESULT.cancelled, { failureCode: 'card_declined', declineCode: 'generic_decline', message: 'The customer cancelled the M-Pesa payment request on their phone.' }],
  [MPESA_RESULT.unreachable, { failureCode: 'card_declined', declineCode: 'try_again_later', message: "The customer's phone could not be reached, or the M-Pesa prompt was not answered in time." }],
  [MPESA_RESULT.wrongPin, { failureCode: 'card_declined', declineCode: 'incorrect_pin', message: 'The customer entered a wrong M-Pesa PIN.' }],
] as const);

const GENERIC: MpesaFailure = { failureCode: 'card_declined', declineCode: 'generic_decline', message: 'M-Pesa could not complete the payment.' };

export function mapResultCode(resultCode: number): MpesaFailure {
  return BY_RESULT_CODE.get(resultCode) ?? GENERIC;
}
