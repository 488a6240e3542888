import { Injectable, Logger } from '@nestjs/common';
import {
  Patterns,
  type CheckoutGatewayReturnParams,
  type CheckoutPageParams,
  type CheckoutPageView,
  type PayCheckoutSessionParams,
  type PayCheckoutSessionResult,
  type PaymentIntentResource,
} from '@payrail/contracts';
import { classify, PayrailError } from '@payrail/errors';
import { MessageClient } from '@payrail/messaging';
import { PaymentIntentsService } from '../payment-intents/payment-intents.service.js';
import { RoutabilityCheck } from '../payment-intents/routability-check.js';
import { ThreeDSecureService } from '../payment-intents/three-d-secure.service.js';
import { PAY_AT_GATEWAY_CARD, PAY_AT_GATEWAY_UPI } from '../payment-methods/payment-method-resolver.js';
import { PaymentMethodsService } from '../payment-methods/payment-methods.service.js';
import type { CheckoutSessionEntity } from './checkout-session.entity.js';
import { callerOf, CheckoutSessionLifecycle } from './checkout-session-lifecycle.js';
import { successUrlFor, toCheckoutPageView } from './checkout-session.mapper.js';
import { CheckoutSessionsRepository } from './checkout-sessions.repository.js';

/** The session's PaymentIntent is created once, whoever asks first: under a key only the session has. */
const intentKeyOf = (sessionId: string) => `checkout_session:${sessionId}`;
/** Every submission of one rendering of the page confirms under one key, so it is answered once. */
const confirmationKeyOf = (sessionId: string, attempt: number) => `checkout_session:${sessionId}:attempt:${attempt}`;

const MISMATCH: PayCheckoutSessionResult = { outcome: 'retry', code: 'payment_mismatch', message: 'That payment could not be verified for this order, so nothing was charged here. Please pay again.' };

/**
 * The payments side of the hosted page. The page is public: the session's id in its URL is the
 * credential, as on Stripe. The card goes from the page to the tokeniser (through PaymentMethods,
 * never stored or logged) and the session's PaymentIntent is confirmed with the resulting payment
 * method. Paying twice is impossible: the PaymentIntent succeeds at most once, a resubmitted page
 * replays its first answer, and a completed session takes no card.
 */
@Injectable()
export class HostedCheckoutService {
  private readonly logger = new Logger(HostedCheckoutService.name);

  constructor(
    private readonly sessions: CheckoutSessionsRepository,
    private readonly lifecycle: CheckoutSessionLifecycle,
    private readonly intents: PaymentIntentsService,
    private readonly paymentMethods: PaymentMethodsService,
    private readonly gatewayCheckout: ThreeDSecureService,
    private readonly routing: RoutabilityCheck,
    private readonly client: MessageClient,
  ) {}

  async page(params: CheckoutPageParams): Promise<CheckoutPageView> {
    const { session, intent } = await this.lifecycle.settle(await this.current(params.id));
    return toCheckoutPageView(session, intent, session.status === 'open' ? await this.paidAtGateway(session) : []);
  }

  /** Where routing would send each offered type now; unknown (the card form is shown) if routing cannot be asked. */
  private async paidAtGateway(session: CheckoutSessionEntity): Promise<string[]> {
    try {
      const data = session.paymentIntentData;
      return await this.routing.paidAtGateway(callerOf(session), {
        paymentMethodTypes: session.paymentMethodTypes,
        currency: session.currency,
        amount: Number(session.amountTotal),
        metadata: data.metadata ?? {},
      });
    } catch (error) {
      if (!(error instanceof PayrailError)) throw error;
      this.logger.warn(`Checkout ${session.id}: routing could not be asked (${error.code}); the page takes cards itself`);
      return [];
    }
  }

  async pay(params: PayCheckoutSessionParams): Promise<PayCheckoutSessionResult> {
    const session = await this.current(params.id);
    if (session.status === 'complete') return { outcome: 'complete', redirect_to: successUrlFor(session) };
    if (session.status !== 'open') return { outcome: 'closed' };
    const caller = callerOf(session);
    const email = session.customerEmail ?? params.email?.trim() ?? null;
    if (!session.customer && !email) return { outcome: 'retry', code: 'email_missing', message: 'Enter your email address.' };
    if (email && (email.length > 512 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))) return { outcome: 'retry', code: 'email_invalid', message: 'Enter a valid email address.' };
    const open = await this.openGatewayCheckout(session);
    if (open) return open;
    try {
      const intentId = session.paymentIntent ?? (await this.createIntent(session, email));
      const billing = { ...(email ? { email } : {}), ...(params.name?.trim() ? { name: params.name.trim() } : {}) };
      const paymentMethod = params.at_gateway
        ? { id: params.at_gateway === 'upi' ? PAY_AT_GATEWAY_UPI : PAY_AT_GATEWAY_CARD }
        : params.mpesa
          ? await this.paymentMethods.create(caller, { type: 'mpesa', mpesa: params.mpesa, billing_details: billing })
          : await this.paymentMethods.create(caller, { type: 'card', card: params.card, billing_details: billing });
      if (!session.customerEmail || params.name) {
        await this.lifecycle.recordCustomer(session, email, params.name?.trim() || null);
      }
      const intent = await this.intents.confirm(
        caller,
        { id: intentId, payment_method: paymentMethod.id, return_url: params.return_url },
        confirmationKeyOf(session.id, params.attempt),
      );
      return await this.answer(session, intent);
    } catch (error) {
      return this.refusal(session, error);
    }
  }

  /**
   * Razorpay's Hosted Checkout posted a signed result back: it confirms the session's own PaymentIntent
   * (the connector checks the signature against that intent's order, and Razorpay's record decides).
   * Replayed, or sent for another session's order, it pays nothing and answers where the session stands.
   */
  async gatewayReturn(params: CheckoutGatewayReturnParams): Promise<PayCheckoutSessionResult> {
    const { session, intent } = await this.lifecycle.settle(await this.current(params.id));
    if (session.status === 'complete') return { outcome: 'complete', redirect_to: successUrlFor(session) };
    if (session.status !== 'open') {
      if (intent?.status === 'canceled') await this.giveBackLatePayment(session, intent.id);
      return { outcome: 'closed' };
    }
    const action = intent?.status === 'requires_action' ? intent.nextAction : null;
    if (!intent || action?.type !== 'razorpay_checkout') return this.stateNow(session);
    if (params.razorpay.razorpay_order_id !== action.razorpay_checkout.order_id) return MISMATCH;
    try {
      const { razorpay_payment_id, razorpay_signature } = params.razorpay;
      await this.gatewayCheckout.confirmCheckout(callerOf(session), intent.id, { razorpay_payment_id, razorpay_signature });
    } catch (error) {
      if (!(error instanceof PayrailError)) throw error;
      // A forged result, or another tab confirming right now: the session says where it stands.
      this.logger.warn(`Checkout ${session.id}: Razorpay Checkout result refused with ${error.code}`);
      if (error.code === 'parameter_invalid') return MISMATCH;
    }
    return this.stateNow(session);
  }

  /**
   * The customer paid at Razorpay after the session closed (it expired while they were on Razorpay's page):
   * the canceled intent takes nothing, so gateway-connectors refunds what Razorpay's record of the intent's
   * orders shows paid (Razorpay has no call to cancel an order). The intent stays canceled, the session
   * expired. Razorpay's callback and the cancellation's event ask too; the refund is made once whoever asks.
   */
  private async giveBackLatePayment(session: CheckoutSessionEntity, paymentIntentId: string): Promise<void> {
    try {
      const { refunds } = await this.client.send(Patterns.ConnectorGiveBackLatePayments, { caller: callerOf(session), params: { paymentIntentId } });
      if (refunds > 0) this.logger.warn(`Checkout ${session.id}: paid at Razorpay after it closed; ${paymentIntentId}'s late payment is refunded`);
    } catch (error) {
      if (!(error instanceof PayrailError)) throw error;
      this.logger.warn(`Checkout ${session.id}: a late Razorpay payment could not be refunded now (${error.code}); Razorpay's callback retries it`);
    }
  }

  /**
   * One Razorpay order per PaymentIntent while the customer is away paying it: coming back (cancel, the
   * back button, a second tab, a decline) and paying again opens the same order, which Razorpay lets be
   * paid once, so two payments for one session cannot happen.
   */
  private async openGatewayCheckout(session: CheckoutSessionEntity): Promise<PayCheckoutSessionResult | null> {
    if (!session.paymentIntent) return null;
    const { intent } = await this.lifecycle.settle(session);
    const action = intent?.status === 'requires_action' ? intent.nextAction : null;
    if (action?.type !== 'razorpay_checkout' || !action.razorpay_checkout.checkout_url) return null;
    const { checkout_url, key_id, order_id } = action.razorpay_checkout;
    return { outcome: 'razorpay_checkout', checkout_url, key_id, order_id };
  }

  /** The session's outcome as it stands now, for a page to show. */
  private async stateNow(session: CheckoutSessionEntity): Promise<PayCheckoutSessionResult> {
    const { session: after, intent } = await this.lifecycle.settle((await this.sessions.findById(session.id))!);
    if (after.status === 'complete') return { outcome: 'complete', redirect_to: successUrlFor(after) };
    if (after.status !== 'open') return { outcome: 'closed' };
    if (intent?.status === 'processing') return { outcome: 'in_progress' };
    const error = intent?.status === 'requires_payment_method' ? intent.lastPaymentError : null;
    return { outcome: 'retry', code: error?.decline_code ?? error?.code ?? 'payment_incomplete', message: error?.message ?? 'The payment was not completed. You can try again.' };
  }

  private async answer(session: CheckoutSessionEntity, intent: PaymentIntentResource): Promise<PayCheckoutSessionResult> {
    if (intent.status === 'requires_action' && intent.next_action?.type === 'redirect_to_url') return { outcome: 'requires_action', redirect_to: intent.next_action.redirect_to_url.url };
    if (intent.status === 'requires_action' && intent.next_action?.type === 'razorpay_checkout' && intent.next_action.razorpay_checkout.checkout_url) {
      const { checkout_url, key_id, order_id } = intent.next_action.razorpay_checkout;
      return { outcome: 'razorpay_checkout', checkout_url, key_id, order_id };
    }
    // A step the page cannot host (a gateway checkout it does not know where to find): the customer may try another card.
    if (intent.status === 'requires_action') return { outcome: 'retry', code: 'processing_error', message: 'This card cannot be paid on this page. Try another card.' };
    if (intent.status === 'processing' && intent.next_action?.type === 'mpesa_stk_push' && intent.client_secret) {
      return { outcome: 'awaiting_customer', payment_intent: intent.id, client_secret: intent.client_secret };
    }
    if (intent.status === 'processing') return { outcome: 'in_progress' };
    const { session: after } = await this.lifecycle.settle((await this.sessions.findById(session.id))!);
    if (after.status === 'complete') return { outcome: 'complete', redirect_to: successUrlFor(after) };
    return after.status === 'open' ? { outcome: 'retry', code: 'processing_error', message: 'The payment could not be completed. Try again.' } : { outcome: 'closed' };
  }

  /** What the customer can fix is said on the page; what they cannot is the session's state now. */
  private async refusal(session: CheckoutSessionEntity, error: unknown): Promise<PayCheckoutSessionResult> {
    if (!(error instanceof PayrailError)) throw error;
    if (classify(error.code).type === 'card_error') return { outcome: 'retry', code: error.options.declineCode ?? error.code, message: error.message };
    if (error.code === 'idempotency_key_in_use') return { outcome: 'in_progress' };
    if (error.code === 'parameter_invalid' && error.param?.startsWith('card')) return { outcome: 'retry', code: 'invalid_card', message: error.message };
    if (error.code === 'parameter_invalid' && error.param?.startsWith('mpesa')) return { outcome: 'retry', code: 'invalid_phone', message: 'Enter an M-Pesa number such as 0712 345 678.' };
    if (error.code === 'payment_intent_unexpected_state') {
      const { session: after, intent } = await this.lifecycle.settle((await this.sessions.findById(session.id))!);
      if (after.status === 'complete') return { outcome: 'complete', redirect_to: successUrlFor(after) };
      if (intent?.status === 'processing') return { outcome: 'in_progress' };
      return after.status === 'open' ? { outcome: 'retry', code: 'processing_error', message: 'The payment could not be completed. Try again.' } : { outcome: 'closed' };
    }
    this.logger.warn(`Checkout ${session.id}: payment attempt refused with ${error.code}`);
    throw error;
  }

  private async createIntent(session: CheckoutSessionEntity, email: string | null): Promise<string> {
    const data = session.paymentIntentData;
    const intent = await this.intents.create(
      callerOf(session),
      {
        amount: Number(session.amountTotal),
        currency: session.currency,
        payment_method_types: session.paymentMethodTypes,
        ...(data.capture_method ? { capture_method: data.capture_method } : {}),
        ...(data.description ? { description: data.description } : {}),
        ...(data.metadata ? { metadata: data.metadata } : {}),
        ...(session.customer ? { customer: session.customer } : {}),
        ...(email ? { receipt_email: email } : {}),
      },
      intentKeyOf(session.id),
    );
    await this.lifecycle.attachIntent(session, intent.id);
    return intent.id;
  }

  /** A session past its deadline is expired now, whether or not the sweep has come by. */
  private async current(id: string): Promise<CheckoutSessionEntity> {
    const session = typeof id === 'string' ? await this.sessions.findById(id) : null;
    if (!session) throw new PayrailError('resource_missing', 'This checkout page does not exist.');
    if (session.status === 'open' && session.expiresAt.getTime() <= Date.now()) return this.lifecycle.expire(session);
    return session;
  }
}
