import { Inject, Injectable } from '@nestjs/common';
import type { Caller, CheckoutPaymentStatus, CheckoutTransactionStatus, ListCheckoutSessionsParams, ListCheckoutTransactionsParams } from '@payrail/contracts';
import { applyCreatedRange, keysetPage, type Page } from '@payrail/persistence';
import { DataSource, IsNull, LessThanOrEqual, type EntityManager } from 'typeorm';
import { ChargeEntity } from '../charges/charge.entity.js';
import { CheckoutSessionEntity } from './checkout-session.entity.js';

/** A session with where its payment stands, as the gateway API document's transaction. */
export interface CheckoutTransactionRow {
  session: CheckoutSessionEntity;
  status: CheckoutTransactionStatus;
  amountRefunded: number;
}

/**
 * The document's status from the session and its paid charge (a PaymentIntent has at most one that
 * succeeded): a dispute outranks a refund, which outranks the payment itself.
 */
const TRANSACTION_STATUS_SQL = `CASE
  WHEN paid.disputed THEN 'disputed'
  WHEN paid.amount_refunded > 0 THEN 'refunded'
  WHEN s.status = 'complete' THEN 'success'
  WHEN s.status = 'expired' THEN 'failed'
  ELSE 'pending' END`;

/**
 * The only changes a session undergoes, each a conditional UPDATE on an open session: of a payment
 * completing it and an expiry racing each other, exactly one wins.
 */
export type CheckoutSessionChange =
  | { kind: 'payment_intent_created'; paymentIntent: string }
  | { kind: 'customer_given'; email: string | null; name: string | null }
  | { kind: 'completed'; paymentStatus: CheckoutPaymentStatus }
  /** Only while the session still has the PaymentIntent the expiry saw (and canceled), or none. */
  | { kind: 'expired'; paymentIntent: string | null };

@Injectable()
export class CheckoutSessionsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, session: CheckoutSessionEntity): Promise<void> {
    await manager.insert(CheckoutSessionEntity, session);
  }

  findOwned(caller: Caller, id: string, manager: EntityManager = this.dataSource.manager): Promise<CheckoutSessionEntity | null> {
    return manager.findOneBy(CheckoutSessionEntity, { id, merchantId: caller.merchantId, livemode: caller.livemode });
  }

  /** The session made for the gateway API's order id (unique per merchant and mode). */
  findByOrderId(caller: Caller, orderId: string): Promise<CheckoutSessionEntity | null> {
    return this.dataSource.manager.findOneBy(CheckoutSessionEntity, { orderId, merchantId: caller.merchantId, livemode: caller.livemode });
  }

  /** Unscoped on purpose: for the hosted page, whose credential is the session id itself. */
  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<CheckoutSessionEntity | null> {
    return manager.findOneBy(CheckoutSessionEntity, { id });
  }

  findByPaymentIntent(caller: Caller, paymentIntent: string): Promise<CheckoutSessionEntity | null> {
    return this.dataSource.manager.findOneBy(CheckoutSessionEntity, { paymentIntent, merchantId: caller.merchantId, livemode: caller.livemode });
  }

  /** Open sessions past their deadline, oldest first. */
  findExpiredOpen(now: Date, limit: number): Promise<CheckoutSessionEntity[]> {
    return this.dataSource.manager.find(CheckoutSessionEntity, {
      where: { status: 'open', expiresAt: LessThanOrEqual(now) },
      order: { expiresAt: 'ASC' },
      take: limit,
    });
  }

  async apply(manager: EntityManager, id: string, change: CheckoutSessionChange): Promise<boolean> {
    const updatedAt = new Date();
    const open = { id, status: 'open' as const };
    let result;
    switch (change.kind) {
      case 'payment_intent_created':
        result = await manager.update(CheckoutSessionEntity, { ...open, paymentIntent: IsNull() }, { paymentIntent: change.paymentIntent, updatedAt });
        break;
      case 'customer_given':
        result = await manager.update(CheckoutSessionEntity, open, { customerEmail: change.email, customerName: change.name, updatedAt });
        break;
      case 'completed':
        result = await manager.update(CheckoutSessionEntity, open, { status: 'complete', paymentStatus: change.paymentStatus, completedAt: updatedAt, updatedAt });
        break;
      case 'expired':
        result = await manager.update(
          CheckoutSessionEntity,
          { ...open, paymentIntent: change.paymentIntent ?? IsNull() },
          { status: 'expired', updatedAt },
        );
        break;
      default:
        return assertNever(change);
    }
    return (result.affected ?? 0) === 1;
  }

  list(caller: Caller, params: ListCheckoutSessionsParams): Promise<Page<CheckoutSessionEntity> & { cursorMissing?: string }> {
    const query = this.dataSource.manager
      .createQueryBuilder(CheckoutSessionEntity, 's')
      .where('s.merchant_id = :merchantId AND s.livemode = :livemode', caller);
    if (params.payment_intent !== undefined) query.andWhere('s.payment_intent = :paymentIntent', { paymentIntent: params.payment_intent });
    if (params.customer !== undefined) query.andWhere('s.customer = :customer', { customer: params.customer });
    if (params.client_reference_id !== undefined) query.andWhere('s.client_reference_id = :ref', { ref: params.client_reference_id });
    if (params.status !== undefined) query.andWhere('s.status = :status', { status: params.status });
    return keysetPage(query, 's', params);
  }

  /** Numbered pages, newest first, every filter applied in SQL. */
  async transactions(caller: Caller, params: ListCheckoutTransactionsParams, page: number, limit: number): Promise<{ rows: CheckoutTransactionRow[]; total: number }> {
    const query = this.dataSource.manager
      .createQueryBuilder(CheckoutSessionEntity, 's')
      .leftJoin(ChargeEntity, 'paid', "paid.payment_intent_id = s.payment_intent AND paid.status = 'succeeded'")
      .addSelect(TRANSACTION_STATUS_SQL, 'transaction_status')
      .addSelect('COALESCE(paid.amount_refunded, 0)', 'transaction_amount_refunded')
      .where('s.merchant_id = :merchantId AND s.livemode = :livemode', caller);
    if (params.id !== undefined) query.andWhere('s.id = :id', { id: params.id });
    if (params.order_id !== undefined) query.andWhere('s.order_id = :orderId', { orderId: params.order_id });
    if (params.status !== undefined) query.andWhere(`(${TRANSACTION_STATUS_SQL}) = :transactionStatus`, { transactionStatus: params.status });
    applyCreatedRange(query, 's', params.created);
    const total = await query.clone().getCount();
    const { entities, raw } = await query
      .orderBy('s.created_at', 'DESC')
      .addOrderBy('s.id', 'DESC')
      .offset((page - 1) * limit)
      .limit(limit)
      .getRawAndEntities<{ transaction_status: CheckoutTransactionStatus; transaction_amount_refunded: string }>();
    const rows = entities.map((session, index) => ({
      session,
      status: raw[index]!.transaction_status,
      amountRefunded: Number(raw[index]!.transaction_amount_refunded),
    }));
    return { rows, total };
  }
}

function assertNever(value: never): never {
  throw new Error(`Unhandled change ${JSON.stringify(value)}`);
}
