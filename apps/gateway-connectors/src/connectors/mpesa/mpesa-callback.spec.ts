import { PayrailError } from '@payrail/errors';
import { parseMpesaCallback } from './mpesa-callback.js';

const body = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('parseMpesaCallback', () => {
  it("reads a paid STK callback's amount, receipt and phone", () => {
    const parsed = parseMpesaCallback(
      body({
        Body: {
          stkCallback: {
            MerchantRequestID: '29115-34620561-1',
            CheckoutRequestID: 'ws_CO_191220191020363925',
            ResultCode: 0,
            ResultDesc: 'The service request is processed successfully.',
            CallbackMetadata: {
              Item: [
                { Name: 'Amount', Value: 1.0 },
                { Name: 'MpesaReceiptNumber', Value: 'NLJ7RT61SV' },
                { Name: 'Balance' },
                { Name: 'TransactionDate', Value: 20191219102115 },
                { Name: 'PhoneNumber', Value: 254708374149 },
              ],
            },
          },
        },
      }),
    );
    expect(parsed).toEqual({
      kind: 'stk',
      checkoutRequestId: 'ws_CO_191220191020363925',
      resultCode: 0,
      resultDesc: 'The service request is processed successfully.',
      paid: { amount: 1, receipt: 'NLJ7RT61SV', phone: '254708374149' },
    });
  });

  it('reads a failed STK callback, which has no metadata', () => {
    const parsed = parseMpesaCallback(body({ Body: { stkCallback: { MerchantRequestID: '1', CheckoutRequestID: 'ws_CO_1', ResultCode: 1032, ResultDesc: 'Request cancelled by user' } } }));
    expect(parsed).toEqual({ kind: 'stk', checkoutRequestId: 'ws_CO_1', resultCode: 1032, resultDesc: 'Request cancelled by user', paid: null });
  });

  it("reads a reversal's result", () => {
    const parsed = parseMpesaCallback(body({ Result: { ResultType: 0, ResultCode: 0, ResultDesc: 'ok', OriginatorConversationID: 'o', ConversationID: 'AG_1', TransactionID: 'NLJ11HAY8V' } }));
    expect(parsed).toEqual({ kind: 'reversal', conversationId: 'AG_1', resultCode: '0', resultDesc: 'ok', transactionId: 'NLJ11HAY8V', transactionStatus: null, receiptNo: null });
  });

  it("reads a Transaction Status answer's status and receipt from its ResultParameters", () => {
    const parameters = [
      { Key: 'ReceiptNo', Value: 'NLJ41HAY6Q' },
      { Key: 'Amount', Value: 250 },
      { Key: 'TransactionStatus', Value: 'Completed' },
    ];
    const parsed = parseMpesaCallback(body({ Result: { ResultType: 0, ResultCode: 0, ResultDesc: 'ok', OriginatorConversationID: 'o', ConversationID: 'AG_2', TransactionID: 'NLJ41HAY6Q', ResultParameters: { ResultParameter: parameters } } }));
    expect(parsed).toMatchObject({ kind: 'reversal', conversationId: 'AG_2', resultCode: '0', transactionStatus: 'Completed', receiptNo: 'NLJ41HAY6Q' });
  });

  it.each([
    ['not JSON', Buffer.from('<xml/>')],
    ['another shape', body({ hello: 'world' })],
    ['a paid callback without a receipt', body({ Body: { stkCallback: { CheckoutRequestID: 'ws_CO_1', ResultCode: 0, CallbackMetadata: { Item: [{ Name: 'Amount', Value: 1 }] } } } })],
    ['no CheckoutRequestID', body({ Body: { stkCallback: { ResultCode: 0 } } })],
  ])('refuses %s with a 400 that echoes nothing', (_, raw) => {
    const error = (() => {
      try {
        parseMpesaCallback(raw);
      } catch (caught) {
        return caught as PayrailError;
      }
      throw new Error('expected a refusal');
    })();
    expect(error).toMatchObject({ code: 'body_invalid', status: 400 });
  });
});
