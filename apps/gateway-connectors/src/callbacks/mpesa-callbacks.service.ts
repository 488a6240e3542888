import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Caller, ReceiveGatewayCallbackParams, ReceiveGatewayCallbackResult, ReceiveMpesaDocumentCallbackParams } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { PendingAuthorizationsService, settlementKey } from '../authorizations/pending-authorizations.service.js';
import { GATEWAY_CONNECTORS_CONFIG, type GatewayConnectorsConfig } from '../config/gateway-connectors.config.js';
import { parseMpesaCallback, type MpesaCallback } from '../connectors/mpesa/mpesa-callback.js';
import { MpesaCallbackTokens } from '../connectors/mpesa/mpesa-callback-url.js';
import { phoneFingerprint } from '../connectors/mpesa/mpesa.connector.js';
import type { GatewayAccountEntity } from '../gateway-accounts/gateway-account.entity.js';
import type { GatewayTransactionEntity } from '../transactions/gateway-transaction.entity.js';
import { AuthorizationRoutesRepository } from '../routing/authorization-routes.repository.js';
import { GatewayTransactionsRepository } from '../transactions/gateway-transactions.repository.js';
import { attemptOfKey } from './attempt-key.js';
import { GatewayCallbacksRepository } from './gateway-callbacks.repository.js';
import { GatewayCallbacksService } from './gateway-callbacks.service.js';

const CENTS_PER_SHILLING = 100;
/** Transaction Status answers that mean the reversal did not happen. */
const FAILED_STATUSES: ReadonlySet<string> = new Set(['Failed', 'Declined', 'Cancelled', 'Expired']);

/**
 * Daraja's callbacks. Daraja signs nothing, so a callback is taken only on the account's secret callback
 * URL, only about a payment of that account it matches (CheckoutRequestID, and for a payment the amount
 * and the phone), and never as the outcome on its own word: the STK query confirms it before anything is
 * recorded. Anything else is refused and logged. A callback delivered twice records nothing twice.
 */
@Injectable()
export class MpesaCallbacksService {
  private readonly logger = new Logger(MpesaCallbacksService.name);
  private readonly tokens: MpesaCallbackTokens;

  constructor(
    private readonly callbacks: GatewayCallbacksRepository,
    private readonly transactions: GatewayTransactionsRepository,
    private readonly pendings: PendingAuthorizationsService,
    private readonly recorder: GatewayCallbacksService,
    private readonly routes: AuthorizationRoutesRepository,
    @Inject(GATEWAY_CONNECTORS_CONFIG) private readonly config: Pick<GatewayConnectorsConfig, 'secretsKey' | 'cardFingerprintKey'>,
  ) {
    this.tokens = new MpesaCallbackTokens(config.secretsKey);
  }

  async receive(params: ReceiveGatewayCallbackParams): Promise<ReceiveGatewayCallbackResult> {
    const account = await this.callbacks.findAccount(params.gatewayAccountId);
    if (!account || account.gateway !== 'mpesa') throw PayrailError.notFound('gateway_account', params.gatewayAccountId, 'gateway_account_id');
    if (!this.tokens.matches(account.id, params.signature)) {
      this.logger.warn(`Refused an M-Pesa callback to ${account.id}: its URL lacks the account's token`);
      throw new PayrailError('signature_invalid', "This callback did not come to the account's callback URL.");
    }
    const callback = parseMpesaCallback(Buffer.from(params.rawBody, 'base64'));
    const caller: Caller = { merchantId: account.merchantId, livemode: account.livemode };
    if (callback.kind === 'stk') return this.paymentResult(account, caller, callback, params.attempt);
    return params.reversal ? this.reversalStatus(account, caller, callback, params.reversal) : this.reversalResult(account, caller, callback);
  }

  /**
   * The M-Pesa document's `mpesa-callback/`: a Daraja STK callback with no account and no token in its
   * URL. Only the CheckoutRequestID of a push Payrail sent and still waits on ties it to an account (Daraja
   * makes them, Payrail never shows a pending one to anyone but its merchant and customer); then it is
   * checked as on the account's own URL (amount, phone) and, as always, never taken on its word: the STK
   * query decides. Reversal results are refused here: they only come to the account's URL.
   */
  async receiveUnaddressed(params: ReceiveMpesaDocumentCallbackParams): Promise<ReceiveGatewayCallbackResult> {
    const callback = parseMpesaCallback(Buffer.from(params.rawBody, 'base64'));
    if (callback.kind !== 'stk') throw new PayrailError('parameter_invalid', "M-Pesa reversal results are taken only at the gateway account's callback URL.");
    const pending = await this.transactions.findPendingMpesaPush(callback.checkoutRequestId);
    const account = pending?.gatewayAccountId ? await this.callbacks.findAccount(pending.gatewayAccountId) : null;
    if (!account || account.gateway !== 'mpesa') {
      this.logger.warn('Refused an M-Pesa callback to the document route: its CheckoutRequestID matches no pending payment');
      throw new PayrailError('parameter_invalid', 'This callback matches no pending M-Pesa payment.');
    }
    return this.paymentResult(account, { merchantId: account.merchantId, livemode: account.livemode }, callback, undefined);
  }

  private async paymentResult(account: GatewayAccountEntity, caller: Caller, callback: Extract<MpesaCallback, { kind: 'stk' }>, attemptKey: string | undefined): Promise<ReceiveGatewayCallbackResult> {
    const known = await this.transactions.findByGatewayReference(account, 'authorization', callback.checkoutRequestId);
    const pending = known ?? (await this.lostPush(account, callback, attemptKey));
    if (!pending && attemptKey) {
      const early = await this.beforeItsAnswer(account, caller, callback, attemptKey);
      if (early) return early;
    }
    const attempt = pending?.outcome === 'pending' ? attemptOfKey(pending.idempotencyKey) : null;
    if (!pending || !attempt) return this.forged(account, 'its CheckoutRequestID matches no pending payment');
    if (callback.paid) {
      if (callback.paid.amount * CENTS_PER_SHILLING !== Number(pending.amount)) return this.forged(account, `its amount does not match ${attempt.paymentIntentId}`);
      if (phoneFingerprint(this.config.cardFingerprintKey, callback.paid.phone) !== pending.cardFingerprint) return this.forged(account, `its phone does not match ${attempt.paymentIntentId}`);
    }
    if (!known) {
      // Only now that amount and phone match: the STK query below confirms the CheckoutRequestID with Daraja.
      if (!(await this.transactions.adoptGatewayReference(pending.id, callback.checkoutRequestId))) return this.forged(account, `${attempt.paymentIntentId} already has a CheckoutRequestID`);
      pending.gatewayReference = callback.checkoutRequestId;
      this.logger.log(`M-Pesa callback gave ${attempt.paymentIntentId} the CheckoutRequestID its lost STK push answer never did`);
    }
    try {
      await this.pendings.settle(caller, pending, callback.paid?.receipt);
    } catch (error) {
      // The query could not confirm it now: the callback is still recorded, and reconciliation asks again.
      this.logger.warn(`M-Pesa callback for ${attempt.paymentIntentId} not confirmed yet: ${(error as Error).message}`);
    }
    const recorded = await this.recorder.record({
      caller,
      receiver: account.id,
      gateway: 'mpesa',
      gatewayAccountId: account.id,
      callback: {
        eventId: `stk:${callback.checkoutRequestId}`,
        eventType: 'stkCallback',
        attemptKey: pending.idempotencyKey,
        gatewayReferences: [callback.checkoutRequestId],
        outcome: { kind: callback.resultCode === 0 ? 'payment_succeeded' : 'payment_failed' },
      },
      attempt,
    });
    return { received: true, duplicate: !recorded };
  }

  /** Daraja's result of a reversal request: it settles the pending refund. */
  private async reversalResult(account: GatewayAccountEntity, caller: Caller, callback: Extract<MpesaCallback, { kind: 'reversal' }>): Promise<ReceiveGatewayCallbackResult> {
    const succeeded = callback.resultCode === '0';
    return this.settleReversal(account, caller, callback.conversationId, `reversal:${callback.conversationId}`, {
      status: succeeded ? 'succeeded' : 'failed',
      ...(succeeded ? {} : { failureReason: `M-Pesa refused the reversal (${callback.resultCode}: ${callback.resultDesc})` }),
      externalReference: succeeded && callback.transactionId ? callback.transactionId : null,
    });
  }

  /**
   * Daraja's answer to a Transaction Status query about a reversal whose result never came (its ResultURL
   * names the reversal): `Completed` settles the refund as succeeded, a failed status as failed; any
   * other answer (the transaction not found yet…) leaves it pending for the next reconciliation.
   */
  private async reversalStatus(account: GatewayAccountEntity, caller: Caller, callback: Extract<MpesaCallback, { kind: 'reversal' }>, reversal: string): Promise<ReceiveGatewayCallbackResult> {
    const status = callback.resultCode === '0' ? callback.transactionStatus : null;
    const eventId = `status:${callback.conversationId}`;
    if (status === 'Completed') return this.settleReversal(account, caller, reversal, eventId, { status: 'succeeded', externalReference: callback.receiptNo ?? (callback.transactionId || null) });
    if (status && FAILED_STATUSES.has(status)) return this.settleReversal(account, caller, reversal, eventId, { status: 'failed', failureReason: `M-Pesa reports the reversal ${status}`, externalReference: null });
    this.logger.warn(`M-Pesa could not tell the status of reversal ${reversal} yet (${callback.resultCode}: ${callback.resultDesc}); it stays pending`);
    if (!(await this.transactions.findByGatewayReference(account, 'refund', reversal))) return this.forged(account, 'its reversal matches no refund');
    return { received: true, duplicate: false };
  }

  private async settleReversal(
    account: GatewayAccountEntity,
    caller: Caller,
    conversationId: string,
    eventId: string,
    result: { status: 'succeeded' | 'failed'; failureReason?: string; externalReference: string | null },
  ): Promise<ReceiveGatewayCallbackResult> {
    const refund = await this.transactions.findByGatewayReference(account, 'refund', conversationId);
    const authorization = refund?.parentId ? await this.transactions.findAuthorization(caller, refund.parentId) : null;
    if (!refund || !authorization) return this.forged(account, 'its ConversationID matches no refund');
    await this.transactions.settlePendingRefund(refund.id, result);
    const recorded = await this.recorder.record({
      caller,
      receiver: account.id,
      gateway: 'mpesa',
      gatewayAccountId: account.id,
      callback: {
        eventId,
        eventType: 'reversalResult',
        attemptKey: null,
        gatewayReferences: [conversationId],
        outcome: { kind: 'refunded', amountRefunded: Number(refund.amount), currency: refund.currency },
      },
      attempt: { paymentIntentId: authorization.sourceId, attempt: null },
    });
    return { received: true, duplicate: !recorded };
  }

  /**
   * The push a callback's URL names when its CheckoutRequestID is unknown: one of this account whose
   * answer was lost (no CheckoutRequestID) and that is not settled yet. One settled as expired and paid
   * after all cannot happen while Daraja's prompt lifetime is shorter than the timeout; if it does, an
   * operator must reverse the payment, so it is logged as an alert.
   */
  private async lostPush(account: GatewayAccountEntity, callback: Extract<MpesaCallback, { kind: 'stk' }>, attemptKey: string | undefined): Promise<GatewayTransactionEntity | null> {
    if (!attemptKey) return null;
    const pending = await this.transactions.findByIdempotencyKey(attemptKey);
    const ours = pending && pending.merchantId === account.merchantId && pending.livemode === account.livemode && pending.gatewayAccountId === account.id;
    if (!ours || pending.kind !== 'authorization' || pending.outcome !== 'pending' || pending.gatewayReference !== null) return null;
    if (await this.transactions.findByIdempotencyKey(settlementKey(pending.idempotencyKey))) {
      if (callback.paid) this.logger.error(`ALERT: M-Pesa reports ${pending.sourceId} paid (receipt ${callback.paid.receipt}) after Payrail expired it: reverse it`);
      return null;
    }
    return pending;
  }

  /**
   * A callback for an attempt of this account whose push is still awaiting Daraja's answer (none recorded
   * yet): recorded without acting, with its receipt. If the answer is then lost, the push takes this
   * callback's CheckoutRequestID (LostStkPushes) and the STK query settles it; if the answer comes, the
   * STK query does as for any push.
   */
  private async beforeItsAnswer(account: GatewayAccountEntity, caller: Caller, callback: Extract<MpesaCallback, { kind: 'stk' }>, attemptKey: string): Promise<ReceiveGatewayCallbackResult | null> {
    const attempt = attemptOfKey(attemptKey);
    const route = attempt ? await this.routes.findRecorded(attemptKey) : null;
    if (!attempt || route?.gatewayAccountId !== account.id || route.merchantId !== account.merchantId) return null;
    if (await this.transactions.findByIdempotencyKey(attemptKey)) return null;
    const recorded = await this.recorder.record({
      caller,
      receiver: account.id,
      gateway: 'mpesa',
      gatewayAccountId: account.id,
      callback: {
        eventId: `stk:${callback.checkoutRequestId}`,
        eventType: 'stkCallback',
        attemptKey,
        gatewayReferences: [callback.checkoutRequestId],
        outcome: callback.paid ? { kind: 'payment_succeeded', receipt: callback.paid.receipt } : { kind: 'payment_failed' },
      },
      attempt,
    });
    this.logger.log(`M-Pesa callback for ${attempt.paymentIntentId} came before Daraja's answer to its push: recorded until the answer is known`);
    return { received: true, duplicate: !recorded };
  }

  private forged(account: GatewayAccountEntity, why: string): never {
    this.logger.warn(`Refused an M-Pesa callback to ${account.id}: ${why}`);
    throw new PayrailError('parameter_invalid', 'This callback matches no pending M-Pesa payment or refund of this account.');
  }
}
