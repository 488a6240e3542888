import { Injectable } from '@nestjs/common';
import { Topics, type Caller, type CheckoutPaymentStatus, type CheckoutSessionResource } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { newEvent, TransactionalOutbox } from '@payrail/messaging';
import type { PaymentIntentEntity } from '../payment-intents/payment-intent.entity.js';
import { PaymentIntentSettlementsService } from '../payment-intents/payment-intent-settlements.service.js';
import { PaymentIntentsRepository } from '../payment-intents/payment-intents.repository.js';
import { PaymentLinks } from '../payment-intents/payment-links.js';
import type { CheckoutSessionEntity } from './checkout-session.entity.js';
import { toCheckoutSessionResource } from './checkout-session.mapper.js';
import { CheckoutSessionsRepository } from './checkout-sessions.repository.js';

/** Statuses of the session's PaymentIntent in which expiring the session cancels it. */
const CANCEL_ON_EXPIRY = new Set(['requires_payment_method', 'requires_confirmation', 'requires_action']);
const EXPIRY_TRIES = 3;

export const callerOf = (session: Pick<CheckoutSessionEntity, 'merchantId' | 'livemode'>): Caller => ({ merchantId: session.merchantId, livemode: session.livemode });

/**
 * How a session ends: complete once its PaymentIntent succeeded (or is authorised, for manual
 * capture), expired at its deadline or on request. Both are guarded moves out of `open`, each with
 * its event in the same transaction, so a payment and an expiry racing each other end it once.
 */
@Injectable()
export class CheckoutSessionLifecycle {
  constructor(
    private readonly sessions: CheckoutSessionsRepository,
    private readonly intents: PaymentIntentsRepository,
    private readonly settlements: PaymentIntentSettlementsService,
    private readonly outbox: TransactionalOutbox,
    private readonly links: PaymentLinks,
  ) {}

  resource(session: CheckoutSessionEntity): CheckoutSessionResource {
    return toCheckoutSessionResource(session, this.links.checkout(session.id));
  }

  /** The session brought up to date with its PaymentIntent, and that intent (null before the first attempt). */
  async settle(session: CheckoutSessionEntity): Promise<{ session: CheckoutSessionEntity; intent: PaymentIntentEntity | null }> {
    const intent = session.paymentIntent ? await this.intents.findOwned(callerOf(session), session.paymentIntent) : null;
    if (session.status !== 'open' || !intent) return { session, intent };
    // Stripe completes a manual-capture session once authorised, still unpaid until the capture.
    if (intent.status === 'succeeded') return { session: await this.complete(session, 'paid'), intent };
    if (intent.status === 'requires_capture') return { session: await this.complete(session, 'unpaid'), intent };
    return { session, intent };
  }

  /**
   * Expires an open session and cancels its PaymentIntent. A payment with the gateway right now is left
   * to finish (the session stays open and completes, or a later sweep expires it); a paid one completes.
   */
  async expire(session: CheckoutSessionEntity): Promise<CheckoutSessionEntity> {
    let current = session;
    for (let tries = 0; tries < EXPIRY_TRIES; tries += 1) {
      const settled = await this.settle(current);
      current = settled.session;
      if (current.status !== 'open') return current;
      const intent = settled.intent;
      if (intent && intent.status !== 'canceled') {
        if (!CANCEL_ON_EXPIRY.has(intent.status)) return current;
        try {
          await this.settlements.cancel(callerOf(current), { id: intent.id, cancellation_reason: 'abandoned' });
        } catch (error) {
          if (!(error instanceof PayrailError) || error.code !== 'payment_intent_unexpected_state') throw error;
          current = (await this.sessions.findById(current.id))!;
          continue;
        }
      }
      const expired = await this.outbox.run(async ({ manager, publish }) => {
        if (!(await this.sessions.apply(manager, current.id, { kind: 'expired', paymentIntent: current.paymentIntent }))) return null;
        const after = (await this.sessions.findById(current.id, manager))!;
        await publish(Topics.PaymentsEvents, newEvent('checkout.session.expired', callerOf(after), after.id, this.resource(after)));
        return after;
      });
      if (expired) return expired;
      // A first payment attempt attached its PaymentIntent meanwhile: look again.
      current = (await this.sessions.findById(current.id))!;
    }
    return current;
  }

  /**
   * Ties the PaymentIntent created for the first attempt to the session. A concurrent first attempt
   * created the same one (same key); a session that closed meanwhile takes none, and the attempt stops.
   */
  async attachIntent(session: CheckoutSessionEntity, paymentIntent: string): Promise<void> {
    const attached = await this.outbox.run(async ({ manager, publish }) => {
      if (!(await this.sessions.apply(manager, session.id, { kind: 'payment_intent_created', paymentIntent }))) return false;
      // How a transaction's notifications find its PaymentIntent's events (payment.pending) before the session completes.
      await publish(Topics.CheckoutNotifications, newEvent('checkout.payment_intent.attached', callerOf(session), session.id, { session: session.id, payment_intent: paymentIntent }));
      return true;
    });
    if (attached) return;
    const current = await this.sessions.findById(session.id);
    if (current?.status === 'open' && current.paymentIntent === paymentIntent) return;
    throw new PayrailError('payment_intent_unexpected_state', 'This Checkout Session is no longer open.');
  }

  /** Who paid, as the customer gave it on the page: shown in `customer_details` once complete. */
  async recordCustomer(session: CheckoutSessionEntity, email: string | null, name: string | null): Promise<void> {
    await this.outbox.run(({ manager }) => this.sessions.apply(manager, session.id, { kind: 'customer_given', email, name }));
  }

  private complete(session: CheckoutSessionEntity, paymentStatus: CheckoutPaymentStatus): Promise<CheckoutSessionEntity> {
    return this.outbox.run(async ({ manager, publish }) => {
      const completed = await this.sessions.apply(manager, session.id, { kind: 'completed', paymentStatus });
      const after = (await this.sessions.findById(session.id, manager))!;
      if (completed) await publish(Topics.PaymentsEvents, newEvent('checkout.session.completed', callerOf(after), after.id, this.resource(after)));
      return after;
    });
  }
}
