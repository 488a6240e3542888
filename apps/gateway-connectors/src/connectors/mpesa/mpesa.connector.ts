import { createHmac } from 'node:crypto';
import type { CardDetails } from '@payrail/contracts';
import { MPESA_MAX_SHILLINGS, MPESA_MIN_SHILLINGS, normalizeMpesaPhone } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import type {
  ConnectorAuthenticationResult,
  ConnectorAuthorizeRequest,
  ConnectorAuthorizeResult,
  ConnectorCustomerStep,
  ConnectorRefundResult,
  ConnectorSettleResult,
  ConnectorSyncRequest,
  ConnectorSyncResult,
  ConnectorCaptureRequest,
  ConnectorRefundRequest,
  ConnectorRefundSyncRequest,
  PaymentConnector,
} from '../../routing/payment-connector.js';
import { GatewayOutcomeUnknownError } from '../../http/gateway-http-client.js';
import { DarajaRefusal, type DarajaApi } from './daraja-api.js';
import { nairobiTimestamp, stkPassword, STK_STILL_PROCESSING, type StkTransactionType } from './daraja-wire.js';
import { mapResultCode, MPESA_RESULT } from './mpesa-failures.js';

const CENTS_PER_SHILLING = 100;

export interface MpesaAccountSettings {
  shortcode: string;
  passkey: string;
  transactionType: StkTransactionType;
  /** The till for Buy Goods; the shortcode itself for a paybill. */
  partyB: string;
  /** For reversals (refunds): the API operator's name and its encrypted password. */
  initiatorName: string | null;
  securityCredential: string | null;
  /** Absolute, with the account's secret token: where Daraja POSTs the STK and reversal results. */
  callbackUrl: string | null;
  /** How long a prompt may go unanswered before the payment counts as expired. */
  promptTimeoutMs: number;
  /** Keys the phone fingerprint that lets a callback's phone be checked without storing the number. */
  fingerprintKey: string;
}

/** What the client shows while the customer's phone has the prompt. */
export type MpesaStkPushAction = Extract<ConnectorCustomerStep, { type: 'mpesa_stk_push' }>;

export type MpesaAuthorizeResult = ConnectorAuthorizeResult;

/**
 * One merchant's M-Pesa shortcode through Safaricom Daraja. Authorising sends the STK push, which Daraja
 * only accepts: the customer answers on their phone later, so the answer is `pending` with the
 * CheckoutRequestID; the callback or the STK query (this connector's sync) tells how it ended. M-Pesa
 * has no separate capture (money moves when the customer enters the PIN) and refunds are reversals,
 * whose result also comes later by callback.
 *
 * It reports no gateway fee: Daraja's STK answers, callbacks and queries carry none (Safaricom bills the
 * shortcode's tariff on its own statement), and a fee computed from a tariff table here would be a guess
 * that goes stale whenever Safaricom changes it.
 */
export class MpesaConnector implements PaymentConnector {
  readonly name = 'mpesa';

  constructor(
    private readonly api: DarajaApi,
    private readonly settings: MpesaAccountSettings,
  ) {}

  async authorize(request: ConnectorAuthorizeRequest): Promise<MpesaAuthorizeResult> {
    const phone = normalizeMpesaPhone(request.paymentMethod);
    // Never echo the value: it may be a card number sent to the wrong gateway.
    if (!phone) throw new PayrailError('parameter_invalid', 'M-Pesa needs a Kenyan mobile number (254XXXXXXXXX).', { param: 'payment_method_data[mpesa][phone_number]' });
    if (request.captureMethod !== 'automatic') throw new PayrailError('parameter_invalid', 'M-Pesa payments are captured as the customer pays: use capture_method automatic.', { param: 'capture_method' });
    const shillings = mpesaShillings(request.amount, request.currency);
    const callbackUrl = this.settings.callbackUrl;
    if (!callbackUrl) throw new PayrailError('gateway_unavailable', 'M-Pesa needs an absolute callback URL (set PAYRAIL_PUBLIC_URL) to tell Daraja where to send results.');
    const timestamp = nairobiTimestamp(new Date());
    const expiresAt = Math.floor((Date.now() + this.settings.promptTimeoutMs) / 1000);
    try {
      const accepted = await this.api.stkPush({
        BusinessShortCode: this.settings.shortcode,
        Password: stkPassword(this.settings.shortcode, this.settings.passkey, timestamp),
        Timestamp: timestamp,
        TransactionType: this.settings.transactionType,
        Amount: shillings,
        PartyA: phone,
        PartyB: this.settings.partyB,
        PhoneNumber: phone,
        CallBackURL: callbackUrlForAttempt(callbackUrl, request.idempotencyKey),
        AccountReference: accountReference(request.idempotencyKey),
        TransactionDesc: 'Payment',
      });
      return {
        ...this.pending(phone, accepted.CheckoutRequestID),
        nextAction: { type: 'mpesa_stk_push', mpesa_stk_push: { checkout_request_id: accepted.CheckoutRequestID, expires_at: expiresAt } },
      };
    } catch (error) {
      if (error instanceof GatewayOutcomeUnknownError) {
        // Daraja may have sent the prompt, and a second push would prompt (and could charge) twice. Without
        // its CheckoutRequestID the push cannot be queried: it waits for the callback, which names this
        // attempt in its URL, or fails as expired once no prompt can still be answered.
        return {
          ...this.pending(phone, null),
          sellerMessage: "M-Pesa's answer to the STK push was lost: the prompt may be on the customer's phone; its callback settles it, or it expires.",
          nextAction: { type: 'mpesa_stk_push', mpesa_stk_push: { checkout_request_id: null, expires_at: expiresAt } },
        };
      }
      if (!(error instanceof DarajaRefusal)) throw error;
      // Refused before any prompt was sent: nothing happened on the customer's phone.
      return {
        outcome: 'declined',
        card: this.walletOf(phone),
        networkStatus: 'not_sent_to_network',
        riskLevel: 'normal',
        sellerMessage: `M-Pesa refused the payment request (${error.errorCode}: ${error.message}).`,
        failureCode: 'processing_error',
        declineCode: 'processing_error',
        failureMessage: 'M-Pesa could not send the payment request to this phone.',
        externalReference: null,
      };
    }
  }

  completeAuthentication(): Promise<ConnectorAuthenticationResult> {
    return Promise.reject(new PayrailError('parameter_invalid', 'M-Pesa payments have no 3D Secure step.'));
  }

  /**
   * The STK query, by the CheckoutRequestID recorded with the pending answer. Daraja cannot look a push up
   * by anything Payrail chose: a push whose answer was lost (no CheckoutRequestID) waits for its callback
   * until the prompt's expiry, then fails as expired, since a prompt can no longer be answered by then
   * (Daraja's own prompt lifetime is shorter than Payrail's timeout). A push not recorded at all (the
   * process died while sending) stays unknown, for an operator.
   */
  async sync(request: ConnectorSyncRequest): Promise<ConnectorSyncResult> {
    const pending = request.pending;
    if (!pending) throw new PayrailError('gateway_unavailable', 'M-Pesa cannot find an STK push without its CheckoutRequestID; its outcome stays unknown.');
    const found = { status: 'found' as const, amount: pending.amount, currency: pending.currency, captureMethod: 'automatic' as const };
    const checkoutRequestId = pending.externalReference;
    const answerable = Date.now() - pending.attemptedAt.getTime() < this.settings.promptTimeoutMs;
    if (!checkoutRequestId) return { ...found, answer: answerable ? withoutCard(this.pending(null, null)) : expired(null) };
    const timestamp = nairobiTimestamp(new Date());
    try {
      const answer = await this.api.stkQuery({
        BusinessShortCode: this.settings.shortcode,
        Password: stkPassword(this.settings.shortcode, this.settings.passkey, timestamp),
        Timestamp: timestamp,
        CheckoutRequestID: checkoutRequestId,
      });
      return { ...found, answer: settledAnswer(Number(answer.ResultCode), answer.ResultDesc, checkoutRequestId) };
    } catch (error) {
      const stillWaiting = error instanceof DarajaRefusal && error.errorCode === STK_STILL_PROCESSING.errorCode && error.message === STK_STILL_PROCESSING.errorMessage;
      if (!stillWaiting) throw error;
      if (answerable) return { ...found, answer: withoutCard(this.pending(null, checkoutRequestId)) };
      return { ...found, answer: expired(checkoutRequestId) };
    }
  }

  /** Money moved when the customer paid: there is nothing left to capture. */
  capture(request: ConnectorCaptureRequest): Promise<ConnectorSettleResult> {
    if (request.amount !== request.authorization.amount) return Promise.resolve({ status: 'failed', failureReason: 'M-Pesa payments are captured in full as the customer pays.', externalReference: request.authorization.externalReference });
    return Promise.resolve({ status: 'succeeded', externalReference: request.authorization.externalReference });
  }

  void(): Promise<ConnectorSettleResult> {
    return Promise.resolve({ status: 'failed', failureReason: 'An M-Pesa payment cannot be voided once paid; refund it instead.', externalReference: null });
  }

  /** A reversal of the whole payment (M-Pesa reverses nothing less), `pending` until Daraja POSTs its result. */
  async refund(request: ConnectorRefundRequest): Promise<ConnectorRefundResult> {
    const receipt = request.authorization.externalReference;
    const { initiatorName, securityCredential, callbackUrl } = this.settings;
    if (!receipt || receipt.startsWith('ws_CO_')) return { status: 'failed', failureReason: 'The M-Pesa receipt number of this payment is not known, so it cannot be reversed.', externalReference: null };
    if (request.amount !== request.authorization.amount) return { status: 'failed', failureReason: 'M-Pesa reverses only the whole payment.', externalReference: null };
    if (!initiatorName || !securityCredential) {
      return { status: 'failed', failureReason: 'The M-Pesa gateway account has no initiator_name and security_credential, which reversals need.', externalReference: null };
    }
    if (!callbackUrl) throw new PayrailError('gateway_unavailable', 'M-Pesa needs an absolute callback URL (set PAYRAIL_PUBLIC_URL) to tell Daraja where to send results.');
    try {
      const accepted = await this.api.reversal({
        Initiator: initiatorName,
        SecurityCredential: securityCredential,
        CommandID: 'TransactionReversal',
        TransactionID: receipt,
        Amount: mpesaShillings(request.amount, request.currency),
        ReceiverParty: this.settings.shortcode,
        RecieverIdentifierType: '11',
        ResultURL: callbackUrl,
        QueueTimeOutURL: callbackUrl,
        Remarks: 'Refund',
        Occasion: request.idempotencyKey.slice(0, 100),
      });
      return { status: 'pending', externalReference: accepted.ConversationID };
    } catch (error) {
      if (error instanceof DarajaRefusal) return { status: 'failed', failureReason: `M-Pesa refused the reversal (${error.errorCode}: ${error.message}).`, externalReference: null };
      throw error;
    }
  }

  /**
   * A reversal whose result never came: Daraja's Transaction Status query, by the ConversationID its
   * reversal request was given. Daraja answers that query by callback too (at a ResultURL naming the
   * reversal), which settles the refund; until then it stays pending, and the next reconciliation asks again.
   */
  async syncRefund(request: ConnectorRefundSyncRequest): Promise<ConnectorRefundResult> {
    const conversationId = request.externalReference;
    const { initiatorName, securityCredential, callbackUrl } = this.settings;
    if (!conversationId || !initiatorName || !securityCredential || !callbackUrl) {
      throw new PayrailError('gateway_unavailable', 'M-Pesa cannot be asked about this reversal (no ConversationID, initiator or callback URL); it stays pending.');
    }
    const resultUrl = withParam(callbackUrl, CALLBACK_REVERSAL_PARAM, conversationId);
    await this.api.transactionStatus({
      Initiator: initiatorName,
      SecurityCredential: securityCredential,
      CommandID: 'TransactionStatusQuery',
      OriginalConversationID: conversationId,
      PartyA: this.settings.shortcode,
      IdentifierType: '4',
      ResultURL: resultUrl,
      QueueTimeOutURL: resultUrl,
      Remarks: 'Refund status',
      Occasion: request.idempotencyKey.slice(0, 100),
    });
    return { status: 'pending', externalReference: conversationId };
  }

  /** The phone's fingerprint, to check a callback's PhoneNumber against the payment's. */
  phoneFingerprint(phone: string): string {
    return phoneFingerprint(this.settings.fingerprintKey, phone);
  }

  private pending(phone: string | null, checkoutRequestId: string | null): ConnectorAuthorizeResult {
    return {
      outcome: 'pending',
      card: this.walletOf(phone),
      networkStatus: 'not_sent_to_network',
      riskLevel: 'normal',
      sellerMessage: "The M-Pesa prompt is on the customer's phone.",
      externalReference: checkoutRequestId,
    };
  }

  /** M-Pesa has no card: the wallet is the phone, kept as its last four digits and a keyed fingerprint. */
  private walletOf(phone: string | null): CardDetails {
    return {
      brand: 'mpesa',
      last4: phone ? phone.slice(-4) : '',
      exp_month: 0,
      exp_year: 0,
      funding: 'unknown',
      country: 'KE',
      fingerprint: phone ? this.phoneFingerprint(phone) : '',
    };
  }
}

/** Whole shillings from KES minor units, within M-Pesa's per-transaction limits. */
export function mpesaShillings(amount: number, currency: string): number {
  if (currency.toLowerCase() !== 'kes') throw new PayrailError('parameter_invalid', 'M-Pesa payments are in KES only.', { param: 'currency' });
  if (amount % CENTS_PER_SHILLING !== 0) throw new PayrailError('parameter_invalid', 'M-Pesa takes whole shillings: the amount must be a multiple of 100 (KES cents).', { param: 'amount' });
  const shillings = amount / CENTS_PER_SHILLING;
  if (shillings < MPESA_MIN_SHILLINGS) throw new PayrailError('amount_too_small', `M-Pesa payments must be at least KES ${MPESA_MIN_SHILLINGS}.`, { param: 'amount' });
  if (shillings > MPESA_MAX_SHILLINGS) throw new PayrailError('amount_too_large', `M-Pesa payments must be at most KES ${MPESA_MAX_SHILLINGS.toLocaleString('en-US')}.`, { param: 'amount' });
  return shillings;
}

export function phoneFingerprint(key: string, phone: string): string {
  return createHmac('sha256', key).update(`mpesa:${phone}`, 'utf8').digest('base64url').replace(/[-_]/g, '').slice(0, 16);
}

/** The outcome of a settled STK push, from its ResultCode (the callback's or the query's). */
export function settledAnswer(resultCode: number, resultDesc: string, externalReference: string): ConnectorAuthenticationResult {
  if (resultCode === MPESA_RESULT.success) {
    return { outcome: 'succeeded', networkStatus: 'approved_by_network', riskLevel: 'normal', sellerMessage: 'Payment complete.', externalReference };
  }
  const failure = mapResultCode(resultCode);
  return {
    outcome: 'declined',
    networkStatus: 'declined_by_network',
    riskLevel: 'normal',
    sellerMessage: `M-Pesa declined the payment (ResultCode ${resultCode}: ${resultDesc}).`,
    failureCode: failure.failureCode,
    declineCode: failure.declineCode,
    failureMessage: failure.message,
    externalReference,
  };
}

function expired(checkoutRequestId: string | null): ConnectorAuthenticationResult {
  return {
    outcome: 'declined',
    networkStatus: 'declined_by_network',
    riskLevel: 'normal',
    sellerMessage: 'The M-Pesa prompt expired unanswered.',
    failureCode: 'card_declined',
    declineCode: 'try_again_later',
    failureMessage: 'The M-Pesa payment request expired before the customer answered it.',
    externalReference: checkoutRequestId,
  };
}

/**
 * Daraja's callback names the push only by its CheckoutRequestID, which a lost answer never told Payrail:
 * each push's CallBackURL (the account's, with its token) also names the attempt, so that its callback can
 * still be matched. Daraja POSTs to the URL exactly as given.
 */
export function callbackUrlForAttempt(accountCallbackUrl: string, idempotencyKey: string): string {
  return withParam(accountCallbackUrl, CALLBACK_ATTEMPT_PARAM, idempotencyKey);
}

/** The query parameter of a push's CallBackURL that names its attempt (an authorisation's idempotency key). */
export const CALLBACK_ATTEMPT_PARAM = 'attempt';
/** The query parameter of a Transaction Status query's ResultURL that names the reversal asked about (its ConversationID). */
export const CALLBACK_REVERSAL_PARAM = 'reversal';

function withParam(accountCallbackUrl: string, name: string, value: string): string {
  const url = new URL(accountCallbackUrl);
  url.searchParams.set(name, value);
  return url.toString();
}

/** Daraja takes up to 12 characters, shown to the customer on the prompt: the payment intent's id, shortened. */
function accountReference(idempotencyKey: string): string {
  const intentId = /pi_[A-Za-z0-9]+/.exec(idempotencyKey)?.[0] ?? idempotencyKey;
  return intentId.replace(/[^A-Za-z0-9]/g, '').slice(0, 12);
}

function withoutCard(result: ConnectorAuthorizeResult): ConnectorAuthenticationResult {
  const { card: _card, ...rest } = result;
  return rest;
}
