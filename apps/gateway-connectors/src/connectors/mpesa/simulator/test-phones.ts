/**
 * What the customer "does" with the STK prompt, chosen by the phone number the push goes to. Every other
 * Safaricom number (2547…, 2541…) pays, like Daraja's sandbox test number 254708374149.
 */
export interface PhoneOutcome {
  resultCode: number;
  resultDesc: string;
  /** False: the outcome happens (a query finds it) but the callback is never sent. */
  callsBack: boolean;
  /**
   * What becomes of processrequest's HTTP answer: `sent`; `reset`, the push is taken (the prompt goes out)
   * but the connection is reset instead of answering; `reset_after_callback`, likewise once the callback
   * was sent (a caller's timeout: the customer answered before the answer was given up on).
   */
  answer: 'sent' | 'reset' | 'reset_after_callback';
  /** True: a reversal of this phone's payment is done, but its result is never POSTed (only a status query finds it). */
  reversalResultLost?: boolean;
}

export const SUCCESS: PhoneOutcome = { resultCode: 0, resultDesc: 'The service request is processed successfully.', callsBack: true, answer: 'sent' };
const NO_ANSWER = { resultCode: 1037, resultDesc: 'DS timeout user cannot be reached' } as const;

export const TEST_PHONES = {
  cancelled: '254700001032',
  timedOut: '254700001037',
  insufficientFunds: '254700000001',
  wrongPin: '254700002001',
  lostCallback: '254700009999',
  /** Pays and calls back, but the answer to processrequest (with the CheckoutRequestID) is lost. */
  lostAnswer: '254700005040',
  /** Pays and calls back while the answer to processrequest is still awaited, then that answer is lost. */
  lostAnswerAfterCallback: '254700005042',
  /** The answer to processrequest is lost and the prompt is never answered: no callback ever comes. */
  lostAnswerNeverAnswered: '254700005041',
  /** Pays as usual; the result of a reversal of the payment never comes. */
  lostReversalResult: '254700007001',
} as const;

const OUTCOMES: ReadonlyMap<string, PhoneOutcome> = new Map([
  [TEST_PHONES.cancelled, { resultCode: 1032, resultDesc: 'Request cancelled by user', callsBack: true, answer: 'sent' }],
  [TEST_PHONES.timedOut, { ...NO_ANSWER, callsBack: true, answer: 'sent' }],
  [TEST_PHONES.insufficientFunds, { resultCode: 1, resultDesc: 'The balance is insufficient for the transaction.', callsBack: true, answer: 'sent' }],
  [TEST_PHONES.wrongPin, { resultCode: 2001, resultDesc: 'The initiator information is invalid.', callsBack: true, answer: 'sent' }],
  [TEST_PHONES.lostCallback, { ...SUCCESS, callsBack: false }],
  [TEST_PHONES.lostAnswer, { ...SUCCESS, answer: 'reset' }],
  [TEST_PHONES.lostAnswerAfterCallback, { ...SUCCESS, answer: 'reset_after_callback' }],
  [TEST_PHONES.lostAnswerNeverAnswered, { ...NO_ANSWER, callsBack: false, answer: 'reset' }],
  [TEST_PHONES.lostReversalResult, { ...SUCCESS, reversalResultLost: true }],
]);

export function outcomeForPhone(phone: string): PhoneOutcome {
  return OUTCOMES.get(phone) ?? SUCCESS;
}
