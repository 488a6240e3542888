import { Injectable } from '@nestjs/common';
import {
  Topics,
  type Caller,
  type CheckoutLineItemResource,
  type CheckoutSessionResource,
  type CheckoutTransactionPage,
  type CreateCheckoutSessionParams,
  type ListCheckoutTransactionsParams,
  type ListCheckoutLineItemsParams,
  type ListCheckoutSessionsParams,
  type ListResource,
} from '@payrail/contracts';
import { newId } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import { newEvent, TransactionalOutbox } from '@payrail/messaging';
import { CustomerCheck } from '../payment-intents/customer-check.js';
import { RoutabilityCheck } from '../payment-intents/routability-check.js';
import { checkPageParams } from '../payment-methods/page-params.js';
import { CheckoutSessionEntity } from './checkout-session.entity.js';
import { CheckoutSessionLifecycle } from './checkout-session-lifecycle.js';
import { toLineItemResource } from './checkout-session.mapper.js';
import { checkSessionParams } from './checkout-session-params.js';
import { orderFingerprint } from './order-fingerprint.js';
import { CheckoutSessionsRepository } from './checkout-sessions.repository.js';

/** The merchant's side of Checkout Sessions: Stripe's `/v1/checkout/sessions`. */
@Injectable()
export class CheckoutSessionsService {
  constructor(
    private readonly sessions: CheckoutSessionsRepository,
    private readonly lifecycle: CheckoutSessionLifecycle,
    private readonly customers: CustomerCheck,
    private readonly routability: RoutabilityCheck,
    private readonly outbox: TransactionalOutbox,
  ) {}

  async create(caller: Caller, params: CreateCheckoutSessionParams): Promise<CheckoutSessionResource> {
    const now = new Date();
    const checked = checkSessionParams(params, now);
    const fingerprint = params.order_id === undefined ? null : orderFingerprint(params, checked);
    // Before the checks that may answer otherwise now (a gateway no longer routable): the repeat was made then.
    const repeated = await this.repeated(caller, params, fingerprint);
    if (repeated) return repeated;
    // Refused now rather than on the customer's page: every type offered must be routable in the currency.
    await this.routability.assertRoutable(caller, { paymentMethodTypes: checked.paymentMethodTypes, currency: checked.currency }, params.payment_method_types?.length ? 'payment_method_types' : 'currency');
    if (params.customer !== undefined) await this.customers.assertExists(caller, params.customer);
    const session = Object.assign(new CheckoutSessionEntity(), {
      id: params.id ?? newId('cs'),
      merchantId: caller.merchantId,
      livemode: caller.livemode,
      status: 'open',
      paymentStatus: 'unpaid',
      currency: checked.currency,
      amountSubtotal: String(checked.amountTotal),
      amountTotal: String(checked.amountTotal),
      lineItems: checked.lineItems,
      successUrl: params.success_url,
      cancelUrl: params.cancel_url ?? null,
      customer: params.customer ?? null,
      customerEmail: params.customer_email ?? null,
      customerName: params.customer_name ?? null,
      clientReferenceId: params.client_reference_id ?? params.order_id ?? null,
      orderId: params.order_id ?? null,
      orderFingerprint: fingerprint,
      customerPhone: params.customer_phone ?? null,
      metadata: params.metadata ?? {},
      paymentMethodTypes: checked.paymentMethodTypes,
      paymentIntentData: params.payment_intent_data ?? {},
      paymentIntent: null,
      locale: params.locale ?? null,
      expiresAt: checked.expiresAt,
      completedAt: null,
      createdAt: now,
      updatedAt: now,
    } satisfies CheckoutSessionEntity);
    try {
      // The notification target is written with the session: webhook-dispatch learns it from this event, so
      // that a payment never exists without its notifications (nor notifications without their payment).
      await this.outbox.run(async ({ manager, publish }) => {
        await this.sessions.insert(manager, session);
        if (params.notification) {
          const target = { session: session.id, order_id: session.orderId, url: params.notification.url, signing_key: params.notification.signing_key };
          await publish(Topics.CheckoutNotifications, newEvent('checkout.notification_target.created', caller, session.id, target));
        }
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // The same create or the same order, racing the first: the unique index waited for it to commit.
      const raced = await this.repeated(caller, params, fingerprint);
      if (raced) return raced;
      if (isOrderIdTaken(error)) throw orderIdUsed(params.order_id!);
      throw error;
    }
    return this.lifecycle.resource(session);
  }

  /**
   * What a create sent again gets: the session its caller-chosen id names (the bus lost the first reply), or
   * the one made for its order id by a request with the same payment (the merchant's retry of `/pay`, whose
   * first answer was lost). Any other use of the id or the order id is refused; null when neither exists yet.
   */
  private async repeated(caller: Caller, params: CreateCheckoutSessionParams, fingerprint: string | null): Promise<CheckoutSessionResource | null> {
    if (params.id !== undefined) {
      const existing = await this.sessions.findOwned(caller, params.id);
      if (existing && existing.orderId !== (params.order_id ?? null)) throw new PayrailError('parameter_invalid', `The id ${params.id} has already been used.`, { param: 'id' });
      if (existing) return this.current(existing);
    }
    if (params.order_id === undefined) return null;
    const earlier = await this.sessions.findByOrderId(caller, params.order_id);
    if (!earlier) return null;
    if (earlier.orderFingerprint === null) throw orderIdUsed(params.order_id);
    if (earlier.orderFingerprint !== fingerprint) {
      throw new PayrailError('parameter_invalid', `The order_id ${params.order_id} has already been used for a payment with other details; a retry must send the same amount, currency, customer, URLs and metadata.`, { param: 'order_id' });
    }
    return this.current(earlier);
  }

  private async current(session: CheckoutSessionEntity): Promise<CheckoutSessionResource> {
    const { session: settled } = await this.lifecycle.settle(session);
    return this.lifecycle.resource(settled);
  }

  async retrieve(caller: Caller, id: string): Promise<CheckoutSessionResource> {
    const { session } = await this.lifecycle.settle(await this.owned(caller, id));
    return this.lifecycle.resource(session);
  }

  async list(caller: Caller, params: ListCheckoutSessionsParams): Promise<ListResource<CheckoutSessionResource>> {
    checkPageParams(params);
    const page = await this.sessions.list(caller, params);
    if (page.cursorMissing) throw PayrailError.notFound('checkout.session', page.cursorMissing, params.starting_after ? 'starting_after' : 'ending_before');
    return { object: 'list', data: page.data.map((session) => this.lifecycle.resource(session)), has_more: page.hasMore, url: '/v1/checkout/sessions' };
  }

  /** The gateway API document's transactions: a session each, with its payment's status. */
  async transactions(caller: Caller, params: ListCheckoutTransactionsParams): Promise<CheckoutTransactionPage> {
    const page = params.page ?? 1;
    const limit = params.limit ?? 10;
    const { rows, total } = await this.sessions.transactions(caller, params, page, limit);
    return {
      data: rows.map((row) => ({ session: this.lifecycle.resource(row.session), status: row.status, amount_refunded: row.amountRefunded })),
      page,
      limit,
      total,
    };
  }

  /** Line items in the order they were given; the cursors are line item ids, as on Stripe. */
  async lineItems(caller: Caller, params: ListCheckoutLineItemsParams): Promise<ListResource<CheckoutLineItemResource>> {
    checkPageParams(params);
    const session = await this.owned(caller, params.id);
    const items = session.lineItems;
    const limit = params.limit ?? 10;
    let start = 0;
    let end = items.length;
    const cursor = params.starting_after ?? params.ending_before;
    if (cursor !== undefined) {
      const at = items.findIndex((item) => item.id === cursor);
      if (at < 0) throw PayrailError.notFound('line_item', cursor, params.starting_after ? 'starting_after' : 'ending_before');
      if (params.starting_after !== undefined) start = at + 1;
      else end = at;
    }
    const window = params.ending_before !== undefined ? items.slice(Math.max(start, end - limit), end) : items.slice(start, start + limit);
    const hasMore = params.ending_before !== undefined ? end - limit > start : start + limit < end;
    return {
      object: 'list',
      data: window.map((item) => toLineItemResource(session, item)),
      has_more: hasMore,
      url: `/v1/checkout/sessions/${session.id}/line_items`,
    };
  }

  /** Stripe's `expire`: only an open session can be expired; its PaymentIntent is canceled. */
  async expire(caller: Caller, id: string): Promise<CheckoutSessionResource> {
    const session = await this.owned(caller, id);
    if (session.status !== 'open') throw notOpen(session);
    const after = await this.lifecycle.expire(session);
    if (after.status !== 'expired') throw notOpen(after);
    return this.lifecycle.resource(after);
  }

  private async owned(caller: Caller, id: string): Promise<CheckoutSessionEntity> {
    const session = await this.sessions.findOwned(caller, id);
    if (!session) throw PayrailError.notFound('checkout.session', id, 'session');
    return session;
  }
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { driverError?: { code?: string } }).driverError?.code === '23505';
}

function isOrderIdTaken(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
  return driverError?.code === '23505' && driverError.constraint === 'checkout_sessions_order_id_idx';
}

function orderIdUsed(orderId: string): PayrailError {
  return new PayrailError('parameter_invalid', `The order_id ${orderId} has already been used.`, { param: 'order_id' });
}

function notOpen(session: CheckoutSessionEntity): PayrailError {
  const reason = session.status === 'open' ? 'A payment for it is being processed.' : `Its status is ${session.status}.`;
  return new PayrailError('checkout_session_unexpected_state', `Only Checkout Sessions with a status in ["open"] can be expired. ${reason}`, { param: 'session' });
}
