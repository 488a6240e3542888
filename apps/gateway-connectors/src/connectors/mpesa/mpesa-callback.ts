import { PayrailError } from '@payrail/errors';
import type { CallbackItem, ReversalResultBody, StkCallbackBody } from './daraja-wire.js';

/** A Daraja callback read from its raw body: an STK push's result, or a reversal's. */
export type MpesaCallback =
  | {
      kind: 'stk';
      checkoutRequestId: string;
      resultCode: number;
      resultDesc: string;
      /** Present when the customer paid (ResultCode 0). */
      paid: { amount: number; receipt: string; phone: string } | null;
    }
  | {
      kind: 'reversal';
      conversationId: string;
      resultCode: string;
      resultDesc: string;
      transactionId: string;
      /** A Transaction Status query's answer: the transaction's `TransactionStatus` (`Completed`…) and `ReceiptNo`. */
      transactionStatus: string | null;
      receiptNo: string | null;
    };

const MAX_TEXT = 256;

/** Refuses anything not shaped as Daraja sends it with a 400 that echoes nothing from the body. */
export function parseMpesaCallback(rawBody: Buffer): MpesaCallback {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw invalid();
  }
  const stk = (parsed as Partial<StkCallbackBody> | null)?.Body?.stkCallback;
  if (stk && typeof stk === 'object') return parseStk(stk);
  const result = (parsed as Partial<ReversalResultBody> | null)?.Result;
  if (result && typeof result === 'object') return parseReversal(result);
  throw invalid();
}

function parseStk(stk: StkCallbackBody['Body']['stkCallback']): MpesaCallback {
  const resultCode = Number(stk.ResultCode);
  if (!text(stk.CheckoutRequestID) || !Number.isInteger(resultCode)) throw invalid();
  const base = { kind: 'stk' as const, checkoutRequestId: stk.CheckoutRequestID, resultCode, resultDesc: text(stk.ResultDesc) ? stk.ResultDesc : '' };
  if (resultCode !== 0) return { ...base, paid: null };
  const items = Array.isArray(stk.CallbackMetadata?.Item) ? stk.CallbackMetadata.Item : [];
  const amount = Number(valueOf(items, 'Amount'));
  const receipt = String(valueOf(items, 'MpesaReceiptNumber') ?? '');
  const phone = String(valueOf(items, 'PhoneNumber') ?? '');
  if (!Number.isFinite(amount) || !/^[A-Z0-9]{6,20}$/.test(receipt) || !/^254\d{9}$/.test(phone)) throw invalid();
  return { ...base, paid: { amount, receipt, phone } };
}

function parseReversal(result: ReversalResultBody['Result']): MpesaCallback {
  if (!text(result.ConversationID) || (typeof result.ResultCode !== 'number' && !text(result.ResultCode))) throw invalid();
  return {
    kind: 'reversal',
    conversationId: result.ConversationID,
    resultCode: String(result.ResultCode),
    resultDesc: text(result.ResultDesc) ? result.ResultDesc : '',
    transactionId: text(result.TransactionID) ? result.TransactionID : '',
    transactionStatus: parameter(result, 'TransactionStatus'),
    receiptNo: parameter(result, 'ReceiptNo'),
  };
}

function parameter(result: ReversalResultBody['Result'], key: string): string | null {
  const parameters = result.ResultParameters?.ResultParameter;
  const value = Array.isArray(parameters) ? parameters.find((item) => item?.Key === key)?.Value : undefined;
  return value === undefined || value === null || String(value).length > MAX_TEXT ? null : String(value);
}

function valueOf(items: CallbackItem[], name: CallbackItem['Name']): CallbackItem['Value'] {
  return items.find((item) => item?.Name === name)?.Value;
}

function text(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && value.length <= MAX_TEXT;
}

function invalid(): PayrailError {
  return new PayrailError('body_invalid', 'This is not an M-Pesa STK or reversal result as Daraja sends it.');
}
