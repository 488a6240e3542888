import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Caller, GiveBackLatePaymentsResult } from '@payrail/contracts';
import { RazorpayConnectorFactory } from '../connectors/razorpay/razorpay-connector.factory.js';
import { lateRefundKey, RazorpayConnector, type LatePaymentOutcome } from '../connectors/razorpay/razorpay.connector.js';
import { GatewayAccountSource } from '../routing/gateway-account-source.js';
import type { GatewayTransactionEntity } from '../transactions/gateway-transaction.entity.js';
import { FollowUpTransactionsService } from '../transactions/follow-up-transactions.service.js';
import { GatewayTransactionsRepository } from '../transactions/gateway-transactions.repository.js';
import { LatePaymentWatchesRepository, type LatePaymentWatch } from './late-payment-watches.repository.js';
import { LatePaymentsRepository } from './late-payments.repository.js';

/** The key of the record that a checkout authorisation's intent was canceled: no payment on its order is ever taken. */
export function abandonedKey(authorizationKey: string): string {
  return `abandoned:${authorizationKey}`;
}

/**
 * Money a customer paid at Razorpay Checkout after the PaymentIntent stopped waiting for it: the session
 * expired (the intent canceled) while the customer was on Razorpay's page, the merchant canceled the
 * intent, or the intent already succeeded with another payment of the same order. Razorpay has no call
 * to cancel an order, so such a payment can still be made; Payrail gives it back.
 *
 * Like Stripe, which refunds a payment that completes after its PaymentIntent was canceled (late async
 * payments) and never revives the intent, Payrail refunds each such captured payment in full at Razorpay,
 * once (the refund's receipt is derived from the payment id, and the refund is recorded in the gateway
 * transaction log under a key derived from it too), and logs a warning for operators. The intent stays
 * canceled (or succeeded with its own payment); an authorised payment of a manual-capture order is never
 * captured: Razorpay releases it to the customer by itself.
 *
 * Both orders of events are covered: the intent's cancellation records `abandoned:<key>` and then looks at
 * the order's payments; a payment's callback that finds that record (or a completion that took another
 * payment) looks at them again. Either finds the payment; the receipt makes the second look refund nothing.
 * A payment that nothing reports (no webhook set up, the customer never back) is found by the watch the
 * cancellation leaves on the order: LatePaymentsSweeper looks again on a schedule.
 */
@Injectable()
export class LateGatewayPaymentsService {
  private readonly logger = new Logger(LateGatewayPaymentsService.name);

  constructor(
    // The Razorpay factory itself, not the registry: the registry reaches the callbacks service (the sandbox's disputes), which needs this one.
    private readonly razorpayFactory: RazorpayConnectorFactory,
    @Inject(GatewayAccountSource) private readonly accounts: GatewayAccountSource,
    private readonly late: LatePaymentsRepository,
    private readonly transactions: GatewayTransactionsRepository,
    private readonly followUps: FollowUpTransactionsService,
    private readonly watches: LatePaymentWatchesRepository,
  ) {}

  /**
   * The intent was canceled: none of its Razorpay orders' payments will be taken, and any made is given
   * back. Its caller is payments (its event, or its command when the customer came back to a closed
   * session); Razorpay's record of the orders decides what is refunded, never the customer's word.
   */
  async intentCanceled(caller: Caller, paymentIntentId: string): Promise<GiveBackLatePaymentsResult> {
    let refunds = 0;
    for (const authorization of await this.late.checkoutAuthorizations(caller, paymentIntentId, 'razorpay')) {
      // Canceled after it had succeeded (a voided authorisation): that payment is Razorpay's to release.
      if (await this.late.succeededCompletion(authorization.id)) continue;
      await this.followUps.record(caller, {
        kind: 'void',
        authorization,
        idempotencyKey: abandonedKey(authorization.idempotencyKey),
        sourceId: paymentIntentId,
        money: { amount: Number(authorization.amount), currency: authorization.currency },
        result: { status: 'succeeded', externalReference: authorization.gatewayReference },
      });
      refunds += await this.giveBack(caller, authorization, null);
      // After the first look: if that fails, the event comes again and so does this.
      await this.watches.watch(caller, authorization.id);
    }
    return { refunds };
  }

  /** A watched order's scheduled look: gives back what was paid on it since; answers how many refunds it made or found. */
  async lookAgain(watch: LatePaymentWatch): Promise<number> {
    const authorization = await this.late.checkoutAuthorization(watch.authorizationId);
    if (!authorization) return 0;
    const taken = await this.late.succeededCompletion(authorization.id);
    return this.giveBack(watch.caller, authorization, taken?.gatewayReference ?? null);
  }

  /**
   * Razorpay says a payment on a checkout authorisation's order succeeded. If Payrail will not take it
   * (the intent was canceled, or took another payment of the order), it is given back; otherwise the
   * intent still waits, and payments completes it.
   */
  async paymentReported(caller: Caller, authorization: GatewayTransactionEntity, paymentId: string): Promise<void> {
    if (authorization.connector !== 'razorpay' || authorization.kind !== 'authorization' || authorization.outcome !== 'requires_action') return;
    const taken = await this.late.succeededCompletion(authorization.id);
    if (taken) {
      if (taken.gatewayReference !== paymentId) await this.giveBack(caller, authorization, taken.gatewayReference);
      return;
    }
    if (await this.transactions.findByIdempotencyKey(abandonedKey(authorization.idempotencyKey))) await this.giveBack(caller, authorization, null);
  }

  /** Refunds the order's payments but `keep`; answers how many refunds it made or found. */
  private async giveBack(caller: Caller, authorization: GatewayTransactionEntity, keep: string | null): Promise<number> {
    const orderId = authorization.gatewayReference;
    const connector = await this.razorpay(caller, authorization);
    if (!orderId || !connector) return 0;
    const outcomes = await connector.refundLatePayments(orderId, keep);
    for (const outcome of outcomes) await this.recordOutcome(caller, authorization, outcome);
    return outcomes.filter((outcome) => outcome.refund).length;
  }

  private async recordOutcome(caller: Caller, authorization: GatewayTransactionEntity, outcome: LatePaymentOutcome): Promise<void> {
    const about = `Razorpay payment ${outcome.paymentId} (${outcome.amount} ${outcome.currency}) on order ${authorization.gatewayReference} is one ${authorization.sourceId} will not take (canceled, or paid by another)`;
    if (!outcome.refund) {
      const why = outcome.action === 'left_uncaptured' ? 'it is not captured and never will be; Razorpay releases it' : 'it was refunded in full already';
      this.logger.warn(`${about}: ${why}`);
      return;
    }
    const recorded = await this.followUps.record(caller, {
      kind: 'refund',
      authorization,
      idempotencyKey: lateRefundKey(outcome.paymentId),
      sourceId: outcome.paymentId,
      money: { amount: outcome.amount, currency: outcome.currency },
      result: outcome.refund,
    });
    this.logger.warn(`${about}: refunded in full (${recorded.outcome}, ${recorded.gatewayReference ?? 'no refund id'}, ${recorded.id})`);
  }

  /** The account's own Razorpay connector: its API reads the order's payments, which no other connector has. */
  private async razorpay(caller: Caller, authorization: GatewayTransactionEntity): Promise<RazorpayConnector | null> {
    if (!authorization.gatewayAccountId) return null;
    const account = await this.accounts.account(caller, authorization.gatewayAccountId);
    if (!account || account.gateway !== 'razorpay') return null;
    const connector = this.razorpayFactory.create({ id: account.id, livemode: account.livemode, credentials: account.openCredentials() });
    return connector instanceof RazorpayConnector ? connector : null;
  }
}
