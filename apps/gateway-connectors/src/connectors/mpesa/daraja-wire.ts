/**
 * Safaricom Daraja's wire format (https://developer.safaricom.co.ke), as the connector sends it and the
 * simulator answers it. Daraja mixes strings and numbers freely (`ResponseCode: "0"`, `ResultCode: 0`);
 * the types say which it is where.
 */

/** `GET /oauth/v1/generate?grant_type=client_credentials`; `expires_in` is a string of seconds. */
export interface DarajaToken {
  access_token: string;
  expires_in: string;
}

/** Every refusal Daraja answers before acting: `400.002.02` invalid input, `404.001.03` bad token, … */
export interface DarajaErrorBody {
  requestId: string;
  errorCode: string;
  errorMessage: string;
}

export type StkTransactionType = 'CustomerPayBillOnline' | 'CustomerBuyGoodsOnline';

/** `POST /mpesa/stkpush/v1/processrequest`. */
export interface StkPushRequest {
  BusinessShortCode: string;
  /** base64(BusinessShortCode + passkey + Timestamp). */
  Password: string;
  /** YYYYMMDDHHmmss, Nairobi time. */
  Timestamp: string;
  TransactionType: StkTransactionType;
  /** Whole shillings. */
  Amount: number;
  PartyA: string;
  PartyB: string;
  PhoneNumber: string;
  CallBackURL: string;
  AccountReference: string;
  TransactionDesc: string;
}

export interface StkPushResponse {
  MerchantRequestID: string;
  CheckoutRequestID: string;
  ResponseCode: string;
  ResponseDescription: string;
  CustomerMessage: string;
}

/** `POST /mpesa/stkpushquery/v1/query`. */
export interface StkQueryRequest {
  BusinessShortCode: string;
  Password: string;
  Timestamp: string;
  CheckoutRequestID: string;
}

/** The STK query's answer once the customer acted; it carries no receipt number (only the callback does). */
export interface StkQueryResponse {
  ResponseCode: string;
  ResponseDescription: string;
  MerchantRequestID: string;
  CheckoutRequestID: string;
  ResultCode: string;
  ResultDesc: string;
}

/** The query's refusal while the customer has not answered yet. */
export const STK_STILL_PROCESSING = { errorCode: '500.001.1001', errorMessage: 'The transaction is being processed' } as const;

export interface CallbackItem {
  Name: 'Amount' | 'MpesaReceiptNumber' | 'Balance' | 'TransactionDate' | 'PhoneNumber';
  Value?: number | string;
}

/** What Daraja POSTs to the CallBackURL; `CallbackMetadata` only when `ResultCode` is 0. */
export interface StkCallbackBody {
  Body: {
    stkCallback: {
      MerchantRequestID: string;
      CheckoutRequestID: string;
      ResultCode: number;
      ResultDesc: string;
      CallbackMetadata?: { Item: CallbackItem[] };
    };
  };
}

/** `POST /mpesa/reversal/v1/request` (Daraja spells `RecieverIdentifierType` so). */
export interface ReversalRequest {
  Initiator: string;
  SecurityCredential: string;
  CommandID: 'TransactionReversal';
  TransactionID: string;
  Amount: number;
  ReceiverParty: string;
  RecieverIdentifierType: string;
  ResultURL: string;
  QueueTimeOutURL: string;
  Remarks: string;
  Occasion: string;
}

export interface ReversalResponse {
  OriginatorConversationID: string;
  ConversationID: string;
  ResponseCode: string;
  ResponseDescription: string;
}

/**
 * `POST /mpesa/transactionstatus/v1/query`: asks about a transaction by its receipt (`TransactionID`) or,
 * without one, by the ConversationID Daraja gave its request (`OriginalConversationID`). Asynchronous: the
 * answer is only an acceptance (a ReversalResponse's shape); the status is POSTed to `ResultURL` as a
 * ReversalResultBody whose ResultParameters hold `ReceiptNo`, `TransactionStatus` (`Completed`, …), `Amount`….
 */
export interface TransactionStatusRequest {
  Initiator: string;
  SecurityCredential: string;
  CommandID: 'TransactionStatusQuery';
  TransactionID?: string;
  OriginalConversationID?: string;
  PartyA: string;
  /** 4: an organisation's shortcode. */
  IdentifierType: string;
  ResultURL: string;
  QueueTimeOutURL: string;
  Remarks: string;
  Occasion: string;
}

/** What Daraja POSTs to the ResultURL once a reversal is done or refused (and a transaction status query's answer). */
export interface ReversalResultBody {
  Result: {
    ResultType: number;
    ResultCode: number | string;
    ResultDesc: string;
    OriginatorConversationID: string;
    ConversationID: string;
    TransactionID: string;
    ResultParameters?: { ResultParameter: Array<{ Key: string; Value: string | number }> };
    ReferenceData?: { ReferenceItem: { Key: string; Value: string } };
  };
}

const NAIROBI_OFFSET_MS = 3 * 3600 * 1000;

/** Daraja's `Timestamp`: YYYYMMDDHHmmss in Africa/Nairobi time (UTC+3 all year, no daylight saving). */
export function nairobiTimestamp(at: Date): string {
  return new Date(at.getTime() + NAIROBI_OFFSET_MS).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** The instant a Nairobi YYYYMMDDHHmmss names, or null if it names none. */
export function parseNairobiTimestamp(value: string): Date | null {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number);
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(utc);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return new Date(utc - NAIROBI_OFFSET_MS);
}

/** The STK `Password`: base64 of shortcode, passkey and timestamp concatenated. */
export function stkPassword(shortcode: string, passkey: string, timestamp: string): string {
  return Buffer.from(`${shortcode}${passkey}${timestamp}`).toString('base64');
}
