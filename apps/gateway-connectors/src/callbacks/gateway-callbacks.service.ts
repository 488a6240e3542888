import { Injectable, Logger } from '@nestjs/common';
import { Topics, type Caller, type ReceiveGatewayCallbackParams, type ReceiveGatewayCallbackResult } from '@payrail/contracts';
import { newId } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import { newEvent, TransactionalOutbox } from '@payrail/messaging';
import { LateGatewayPaymentsService } from '../authorizations/late-gateway-payments.service.js';
import { verifyRazorpayWebhook } from '../connectors/razorpay/razorpay-webhook.js';
import { verifyStripeWebhook } from '../connectors/stripe/stripe-webhook-verifier.js';
import { GatewayAccountSecrets } from '../gateway-accounts/gateway-account-secrets.js';
import type { GatewayAccountEntity } from '../gateway-accounts/gateway-account.entity.js';
import { AuthorizationRoutesRepository } from '../routing/authorization-routes.repository.js';
import { attemptOfKey, type PaymentAttempt } from './attempt-key.js';
import { GatewayCallbackEntity } from './gateway-callback.entity.js';
import { GatewayCallbacksRepository } from './gateway-callbacks.repository.js';
import { fromRazorpay, fromStripe, type VerifiedCallback } from './verified-callback.js';

/** The receiver of the built-in sandbox's simulated callbacks, which come to no gateway account. */
export const SANDBOX_RECEIVER = 'sandbox';

/** A callback to record: where it came from, what it says, and the payment attempt it was found to be about. */
export interface CallbackToRecord {
  caller: Caller;
  receiver: string;
  gateway: string;
  gatewayAccountId: string | null;
  callback: VerifiedCallback;
  attempt: PaymentAttempt | null;
}

/**
 * Gateways' callbacks: verified with the account's webhook secret, recorded once per event id, and tied
 * to a payment only through the receiving account's own records (an attempt routed through it, or a
 * transaction it answered), so that one merchant's secret never reaches another merchant's payment.
 */
@Injectable()
export class GatewayCallbacksService {
  private readonly logger = new Logger(GatewayCallbacksService.name);

  constructor(
    private readonly callbacks: GatewayCallbacksRepository,
    private readonly routes: AuthorizationRoutesRepository,
    private readonly secrets: GatewayAccountSecrets,
    private readonly outbox: TransactionalOutbox,
    private readonly latePayments: LateGatewayPaymentsService,
  ) {}

  async receive(params: ReceiveGatewayCallbackParams): Promise<ReceiveGatewayCallbackResult> {
    const account = await this.callbacks.findAccount(params.gatewayAccountId);
    if (!account || account.gateway !== params.gateway) throw PayrailError.notFound('gateway_account', params.gatewayAccountId, 'gateway_account_id');
    const callback = this.verify(account, params);
    const attempt = callback.outcome ? await this.attemptOf(account, callback) : null;
    const recorded = await this.record({
      caller: { merchantId: account.merchantId, livemode: account.livemode },
      receiver: account.id,
      gateway: account.gateway,
      gatewayAccountId: account.id,
      callback,
      attempt,
    });
    // A replay looks again too: a refund the first delivery could not make is made now, one already made is found.
    if (account.gateway === 'razorpay' && callback.outcome?.kind === 'payment_succeeded') await this.giveBackIfLate(account, callback);
    return { received: true, duplicate: !recorded };
  }

  /** A Razorpay payment for an intent that no longer waits for it is refunded (LateGatewayPaymentsService). */
  private async giveBackIfLate(account: GatewayAccountEntity, callback: VerifiedCallback): Promise<void> {
    const paymentId = callback.gatewayReferences.find((reference) => reference.startsWith('pay_'));
    const transaction = paymentId ? await this.callbacks.findPaymentTransaction(account, callback.gatewayReferences) : null;
    if (!paymentId || !transaction) return;
    await this.latePayments.paymentReported({ merchantId: account.merchantId, livemode: account.livemode }, transaction, paymentId);
  }

  /** Records the callback and, when it is about a known payment and says something, publishes it; once per event id. */
  record(toRecord: CallbackToRecord): Promise<boolean> {
    const { caller, callback, attempt } = toRecord;
    const entity = Object.assign(new GatewayCallbackEntity(), {
      id: newId('gcb'),
      receiver: toRecord.receiver,
      gateway: toRecord.gateway,
      gatewayEventId: callback.eventId,
      eventType: callback.eventType,
      merchantId: caller.merchantId,
      livemode: caller.livemode,
      paymentIntentId: attempt?.paymentIntentId ?? null,
      outcome: callback.outcome,
      receivedAt: new Date(),
    } satisfies GatewayCallbackEntity);
    return this.outbox.run(async ({ manager, publish }) => {
      if (!(await this.callbacks.insertIfAbsent(manager, entity))) return false;
      if (!callback.outcome || !attempt) {
        if (callback.outcome) this.logger.warn(`Callback ${callback.eventType} to ${toRecord.receiver} matches none of its payments; recorded only`);
        return true;
      }
      await publish(
        Topics.ConnectorsEvents,
        newEvent('gateway.callback.received', caller, attempt.paymentIntentId, {
          callbackId: entity.id,
          gateway: toRecord.gateway,
          gatewayAccountId: toRecord.gatewayAccountId,
          gatewayEventId: callback.eventId,
          paymentIntentId: attempt.paymentIntentId,
          attempt: attempt.attempt,
          outcome: callback.outcome,
        }),
      );
      return true;
    });
  }

  private verify(account: GatewayAccountEntity, params: ReceiveGatewayCallbackParams): VerifiedCallback {
    if (!account.webhookSecretSealed) {
      throw new PayrailError('signature_invalid', 'This gateway account has no webhook secret, so its callbacks cannot be verified.');
    }
    const secret = this.secrets.openWebhookSecret(account.id, account.webhookSecretSealed);
    const rawBody = Buffer.from(params.rawBody, 'base64');
    switch (params.gateway) {
      case 'stripe':
        return fromStripe(verifyStripeWebhook(rawBody, params.signature, secret));
      case 'razorpay':
        return fromRazorpay(verifyRazorpayWebhook(rawBody, params.signature, secret, params.eventId));
      case 'mpesa':
        throw new PayrailError('signature_invalid', 'M-Pesa callbacks are verified by MpesaCallbacksService.');
    }
  }

  /**
   * The attempt an event is about, only among the account's own: the attempt key the gateway echoes when
   * its route went through this account, else a transaction of this account the gateway knows by that id.
   */
  private async attemptOf(account: GatewayAccountEntity, callback: VerifiedCallback): Promise<PaymentAttempt | null> {
    if (callback.attemptKey) {
      const route = await this.routes.findRecorded(callback.attemptKey);
      const attempt = attemptOfKey(callback.attemptKey);
      if (attempt && route?.gatewayAccountId === account.id && route.merchantId === account.merchantId) return attempt;
    }
    const transaction = await this.callbacks.findPaymentTransaction(account, callback.gatewayReferences);
    if (!transaction) return null;
    return attemptOfKey(transaction.idempotencyKey) ?? { paymentIntentId: transaction.sourceId, attempt: null };
  }
}
