/**
 * What the customer "does" with the STK prompt, chosen by the phone number the push goes to. Every other
 * Safaricom number (2547…, 2541…) pays, like Daraja's sandbox test number 254708374149.
 */
export interface PhoneOutcome {
  resultCode: number;
  resultDesc: string;
  /** False: the outcome happens (a query finds it) but the callback is never sent. */
  callsBack: boolean;
}

export const SUCCESS: PhoneOutcome = { resultCode: 0, resultDesc: 'The service request is processed successfully.', callsBack: true };

export const TEST_PHONES = {
  cancelled: '254700001032',
  timedOut: '254700001037',
  insufficientFunds: '254700000001',
  wrongPin: '254700002001',
  lostCallback: '254700009999',
} as const;

const OUTCOMES: ReadonlyMap<string, PhoneOutcome> = new Map([
  [TEST_PHONES.cancelled, { resultCode: 1032, resultDesc: 'Request cancelled by user', callsBack: true }],
  [TEST_PHONES.timedOut, { resultCode: 1037, resultDesc: 'DS timeout user cannot be reached', callsBack: true }],
  [TEST_PHONES.insufficientFunds, { resultCode: 1, resultDesc: 'The balance is insufficient for the transaction.', callsBack: true }],
  [TEST_PHONES.wrongPin, { resultCode: 2001, resultDesc: 'The initiator information is invalid.', callsBack: true }],
  [TEST_PHONES.lostCallback, { ...SUCCESS, callsBack: false }],
]);

export function outcomeForPhone(phone: string): PhoneOutcome {
  return OUTCOMES.get(phone) ?? SUCCESS;
}
