import { randomInt } from 'node:crypto';
import {
  nairobiTimestamp,
  parseNairobiTimestamp,
  stkPassword,
  STK_STILL_PROCESSING,
  type ReversalResponse,
  type ReversalResultBody,
  type StkCallbackBody,
  type StkPushResponse,
  type StkQueryResponse,
} from '../daraja-wire.js';
import { DarajaError, darajaRequestId, invalidField, wrongCredentials } from './daraja-errors.js';
import { outcomeForPhone, type PhoneOutcome } from './test-phones.js';

export interface DarajaAccount {
  consumerKey: string;
  consumerSecret: string;
  shortcode: string;
  passkey: string;
}

type Body = Record<string, unknown>;

/** A callback the simulator sent (or tried to), for tests to look at. */
export interface Delivery {
  url: string;
  body: StkCallbackBody | ReversalResultBody;
  status: number | null;
  /** When the POST started (epoch ms). */
  sentAt: number;
}

interface StkRequest {
  response: StkPushResponse;
  amount: number;
  phone: string;
  callbackUrl: string;
  accountReference: string;
  outcome: PhoneOutcome;
  /** Set once the customer "acted": the callback body, sent or not. */
  callback: StkCallbackBody | null;
  receipt: string | null;
  reversed: boolean;
}

interface ReversalRequestRecord {
  response: ReversalResponse;
  amount: number;
  /** Set once done or refused. */
  result: ReversalResultBody | null;
}

/** M-Pesa's per-transaction limits, in whole shillings. */
export const MIN_AMOUNT = 1;
export const MAX_AMOUNT = 250_000;
const PHONE = /^254(7|1)\d{8}$/;
const RECEIPT_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** One shortcode's STK pushes and reversals, settled after `delayMs` as a customer's phone would. */
export class DarajaLedger {
  private readonly requests = new Map<string, StkRequest>();
  private readonly byReceipt = new Map<string, StkRequest>();
  private readonly reversals = new Map<string, ReversalRequestRecord>();
  private sequence = 0;

  constructor(
    readonly account: DarajaAccount,
    private readonly delayMs: number,
    private readonly later: (delayMs: number, task: () => Promise<void>) => void,
    private readonly deliver: (url: string, body: StkCallbackBody | ReversalResultBody) => Promise<void>,
  ) {}

  stkPush(body: Body): StkPushResponse {
    this.checkPassword(body);
    if (body['TransactionType'] !== 'CustomerPayBillOnline' && body['TransactionType'] !== 'CustomerBuyGoodsOnline') throw invalidField('TransactionType');
    const amount = Number(body['Amount']);
    if (!Number.isInteger(amount) || amount < MIN_AMOUNT || amount > MAX_AMOUNT) throw invalidField('Amount');
    const phone = String(body['PhoneNumber'] ?? '');
    if (!PHONE.test(phone)) throw invalidField('PhoneNumber');
    if (String(body['PartyA'] ?? '') !== phone) throw invalidField('PartyA');
    if (String(body['PartyB'] ?? '') === '') throw invalidField('PartyB');
    const callbackUrl = String(body['CallBackURL'] ?? '');
    if (!/^https?:\/\/[^\s]+$/.test(callbackUrl)) throw invalidField('CallBackURL');
    const reference = String(body['AccountReference'] ?? '');
    if (reference === '' || reference.length > 12) throw invalidField('AccountReference');
    if (String(body['TransactionDesc'] ?? '').length > 13) throw invalidField('TransactionDesc');
    this.sequence += 1;
    const response: StkPushResponse = {
      MerchantRequestID: darajaRequestId(),
      CheckoutRequestID: `ws_CO_${ddmmyyyyhhmmss(new Date())}${String(this.sequence).padStart(3, '0')}${randomInt(100_000, 999_999)}`,
      ResponseCode: '0',
      ResponseDescription: 'Success. Request accepted for processing',
      CustomerMessage: 'Success. Request accepted for processing',
    };
    const request: StkRequest = { response, amount, phone, callbackUrl, accountReference: reference, outcome: outcomeForPhone(phone), callback: null, receipt: null, reversed: false };
    this.requests.set(response.CheckoutRequestID, request);
    this.later(this.delayMs, () => this.settle(request));
    return response;
  }

  stkQuery(body: Body): StkQueryResponse {
    this.checkPassword(body);
    const request = this.requests.get(String(body['CheckoutRequestID'] ?? ''));
    if (!request) throw invalidField('CheckoutRequestID');
    if (!request.callback) throw new DarajaError(500, STK_STILL_PROCESSING.errorCode, STK_STILL_PROCESSING.errorMessage);
    return {
      ResponseCode: '0',
      ResponseDescription: 'The service request has been accepted successsfully',
      MerchantRequestID: request.response.MerchantRequestID,
      CheckoutRequestID: request.response.CheckoutRequestID,
      ResultCode: String(request.outcome.resultCode),
      ResultDesc: request.outcome.resultDesc,
    };
  }

  /** Accepted at once; the outcome goes to the ResultURL after the delay, as Daraja's does. */
  reversal(body: Body): ReversalResponse {
    if (body['CommandID'] !== 'TransactionReversal') throw invalidField('CommandID');
    if (String(body['Initiator'] ?? '') === '') throw invalidField('Initiator');
    if (String(body['SecurityCredential'] ?? '') === '') throw invalidField('SecurityCredential');
    if (String(body['ReceiverParty'] ?? '') !== this.account.shortcode) throw invalidField('ReceiverParty');
    const resultUrl = String(body['ResultURL'] ?? '');
    if (!/^https?:\/\/[^\s]+$/.test(resultUrl)) throw invalidField('ResultURL');
    const amount = Number(body['Amount']);
    if (!Number.isInteger(amount) || amount < MIN_AMOUNT) throw invalidField('Amount');
    const response: ReversalResponse = {
      OriginatorConversationID: darajaRequestId(),
      ConversationID: `AG_${nairobiTimestamp(new Date()).slice(0, 8)}_${randomCode(20)}`,
      ResponseCode: '0',
      ResponseDescription: 'Accept the service request successfully.',
    };
    const transactionId = String(body['TransactionID'] ?? '');
    const record: ReversalRequestRecord = { response, amount, result: null };
    this.reversals.set(response.ConversationID, record);
    this.later(this.delayMs, async () => {
      record.result = this.reverse(response, transactionId, amount);
      if (!this.byReceipt.get(transactionId)?.outcome.reversalResultLost) await this.deliver(resultUrl, record.result);
    });
    return response;
  }

  /**
   * Transaction Status, asked by `OriginalConversationID` (a reversal's ConversationID): accepted at once;
   * the status goes to the ResultURL after the delay, `TransactionStatus: Completed` (or `Failed`) with the
   * reversal's receipt, or ResultCode `R000002` for a transaction Daraja does not know (yet).
   */
  transactionStatus(body: Body): ReversalResponse {
    if (body['CommandID'] !== 'TransactionStatusQuery') throw invalidField('CommandID');
    if (String(body['Initiator'] ?? '') === '') throw invalidField('Initiator');
    if (String(body['SecurityCredential'] ?? '') === '') throw invalidField('SecurityCredential');
    if (String(body['PartyA'] ?? '') !== this.account.shortcode) throw invalidField('PartyA');
    const resultUrl = String(body['ResultURL'] ?? '');
    if (!/^https?:\/\/[^\s]+$/.test(resultUrl)) throw invalidField('ResultURL');
    const asked = String(body['OriginalConversationID'] ?? body['TransactionID'] ?? '');
    if (asked === '') throw invalidField('TransactionID');
    const response: ReversalResponse = {
      OriginatorConversationID: darajaRequestId(),
      ConversationID: `AG_${nairobiTimestamp(new Date()).slice(0, 8)}_${randomCode(20)}`,
      ResponseCode: '0',
      ResponseDescription: 'Accept the service request successfully.',
    };
    this.later(this.delayMs, () => this.deliver(resultUrl, this.statusOf(response, asked)));
    return response;
  }

  /** How many STK pushes went out with this AccountReference: what the customer's phone was prompted for. */
  pushesFor(accountReference: string): number {
    return [...this.requests.values()].filter((request) => request.accountReference === accountReference).length;
  }

  owns(checkoutRequestId: string): boolean {
    return this.requests.has(checkoutRequestId);
  }

  /** Test control: sends an STK request's callback again, as a network retry would. */
  async resendCallback(checkoutRequestId: string): Promise<StkCallbackBody> {
    const request = this.requests.get(checkoutRequestId);
    if (!request?.callback) throw invalidField('CheckoutRequestID');
    await this.deliver(request.callbackUrl, request.callback);
    return request.callback;
  }

  private async settle(request: StkRequest): Promise<void> {
    const { response, outcome } = request;
    const stkCallback: StkCallbackBody['Body']['stkCallback'] = {
      MerchantRequestID: response.MerchantRequestID,
      CheckoutRequestID: response.CheckoutRequestID,
      ResultCode: outcome.resultCode,
      ResultDesc: outcome.resultDesc,
    };
    if (outcome.resultCode === 0) {
      request.receipt = this.newReceipt();
      this.byReceipt.set(request.receipt, request);
      stkCallback.CallbackMetadata = {
        Item: [
          { Name: 'Amount', Value: request.amount },
          { Name: 'MpesaReceiptNumber', Value: request.receipt },
          { Name: 'Balance' },
          { Name: 'TransactionDate', Value: Number(nairobiTimestamp(new Date())) },
          { Name: 'PhoneNumber', Value: Number(request.phone) },
        ],
      };
    }
    request.callback = { Body: { stkCallback } };
    if (outcome.callsBack) await this.deliver(request.callbackUrl, request.callback);
  }

  private statusOf(response: ReversalResponse, conversationId: string): ReversalResultBody {
    const base = { ResultType: 0, OriginatorConversationID: response.OriginatorConversationID, ConversationID: response.ConversationID };
    const reversal = this.reversals.get(conversationId)?.result?.Result;
    if (!reversal) return { Result: { ...base, ResultCode: 'R000002', ResultDesc: 'The transaction could not be found.', TransactionID: '' } };
    const completed = String(reversal.ResultCode) === '0';
    return {
      Result: {
        ...base,
        ResultCode: 0,
        ResultDesc: 'The service request is processed successfully.',
        TransactionID: reversal.TransactionID,
        ResultParameters: {
          ResultParameter: [
            { Key: 'ReceiptNo', Value: reversal.TransactionID },
            { Key: 'Conversation ID', Value: reversal.ConversationID },
            { Key: 'FinalisedTime', Value: Number(nairobiTimestamp(new Date())) },
            { Key: 'Amount', Value: this.reversals.get(conversationId)!.amount },
            { Key: 'TransactionStatus', Value: completed ? 'Completed' : 'Failed' },
            { Key: 'ReasonType', Value: 'Reversal' },
            { Key: 'Originator Conversation ID', Value: reversal.OriginatorConversationID },
          ],
        },
      },
    };
  }

  private reverse(response: ReversalResponse, transactionId: string, amount: number): ReversalResultBody {
    const original = this.byReceipt.get(transactionId);
    const refused = !original
      ? { code: 'R000002', desc: 'The OriginalTransactionID is invalid.' }
      : original.reversed
        ? { code: 'R000001', desc: 'The transaction has already been reversed.' }
        : amount !== original.amount
          ? { code: 'R000002', desc: 'The reversal amount does not match the original transaction.' }
          : null;
    const base = { ResultType: 0, OriginatorConversationID: response.OriginatorConversationID, ConversationID: response.ConversationID };
    if (refused) return { Result: { ...base, ResultCode: refused.code, ResultDesc: refused.desc, TransactionID: transactionId } };
    original!.reversed = true;
    const reversalId = this.newReceipt();
    return {
      Result: {
        ...base,
        ResultCode: 0,
        ResultDesc: 'The service request is processed successfully.',
        TransactionID: reversalId,
        ResultParameters: {
          ResultParameter: [
            { Key: 'OriginalTransactionID', Value: transactionId },
            { Key: 'Amount', Value: amount },
            { Key: 'TransCompletedTime', Value: nairobiTimestamp(new Date()) },
            { Key: 'CreditPartyPublicName', Value: `${original!.phone} - Customer` },
            { Key: 'DebitPartyPublicName', Value: `${this.account.shortcode} - Merchant` },
          ],
        },
      },
    };
  }

  /** Daraja checks the shortcode and the password derived from its passkey before anything else. */
  private checkPassword(body: Body): void {
    const shortcode = String(body['BusinessShortCode'] ?? '');
    if (shortcode !== this.account.shortcode) throw invalidField('BusinessShortCode');
    const timestamp = String(body['Timestamp'] ?? '');
    if (!parseNairobiTimestamp(timestamp)) throw invalidField('Timestamp');
    if (body['Password'] !== stkPassword(shortcode, this.account.passkey, timestamp)) throw wrongCredentials();
  }

  private newReceipt(): string {
    let receipt: string;
    do receipt = randomCode(10);
    while (this.byReceipt.has(receipt));
    return receipt;
  }
}

function randomCode(length: number): string {
  return Array.from({ length }, () => RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)]).join('');
}

function ddmmyyyyhhmmss(at: Date): string {
  const t = nairobiTimestamp(at);
  return `${t.slice(6, 8)}${t.slice(4, 6)}${t.slice(0, 4)}${t.slice(8)}`;
}
