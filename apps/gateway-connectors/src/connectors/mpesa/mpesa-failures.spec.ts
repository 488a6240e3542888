import { mapResultCode } from './mpesa-failures.js';

describe('mapResultCode', () => {
  it.each([
    [1, 'insufficient_funds', 'The M-Pesa account has insufficient funds for this payment.'],
    [1032, 'generic_decline', 'The customer cancelled the M-Pesa payment request on their phone.'],
    [1037, 'try_again_later', "The customer's phone could not be reached, or the M-Pesa prompt was not answered in time."],
    [2001, 'incorrect_pin', 'The customer entered a wrong M-Pesa PIN.'],
    [17, 'generic_decline', 'M-Pesa could not complete the payment.'],
  ])('maps ResultCode %d to card_declined / %s', (resultCode, declineCode, message) => {
    expect(mapResultCode(resultCode)).toEqual({ failureCode: 'card_declined', declineCode, message });
  });
});
