import { Inject, Injectable } from '@nestjs/common';
import type { Caller, CheckoutPaymentStatus, ListCheckoutSessionsParams } from '@payrail/contracts';
import { keysetPage, type Page } from '@payrail/persistence';
import { DataSource, IsNull, LessThanOrEqual, type EntityManager } from 'typeorm';
import { CheckoutSessionEntity } from './checkout-session.entity.js';

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
}

function assertNever(value: never): never {
  throw new Error(`Unhandled change ${JSON.stringify(value)}`);
}
