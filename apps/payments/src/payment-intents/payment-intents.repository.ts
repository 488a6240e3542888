import { Inject, Injectable } from '@nestjs/common';
import type { Caller, LastPaymentError, ListPaymentIntentsParams, PaymentIntentStatusValue } from '@payrail/contracts';
import { keysetPage, type Page } from '@payrail/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { PaymentIntentEntity } from './payment-intent.entity.js';

/** The only changes a payment intent can undergo after creation; each names the statuses it leaves. */
export type PaymentIntentChange =
  | { kind: 'confirming'; from: readonly PaymentIntentStatusValue[]; paymentMethod: string }
  | { kind: 'confirmation_abandoned'; paymentMethod: string | null }
  | { kind: 'authorized'; chargeId: string; captured: boolean; amount: string }
  | { kind: 'declined'; chargeId: string; error: LastPaymentError };

@Injectable()
export class PaymentIntentsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, intent: PaymentIntentEntity): Promise<void> {
    await manager.insert(PaymentIntentEntity, intent);
  }

  findOwned(caller: Caller, id: string, manager: EntityManager = this.dataSource.manager): Promise<PaymentIntentEntity | null> {
    return manager.findOneBy(PaymentIntentEntity, { id, merchantId: caller.merchantId, livemode: caller.livemode });
  }

  /**
   * Applies a change guarded by the status it expects, so two concurrent confirmations cannot both pass:
   * the loser updates no row and gets `false`.
   */
  async apply(manager: EntityManager, id: string, change: PaymentIntentChange): Promise<boolean> {
    const query = manager.createQueryBuilder().update(PaymentIntentEntity).where('id = :id', { id });
    switch (change.kind) {
      case 'confirming':
        query
          .set({ status: 'processing', paymentMethod: change.paymentMethod, lastPaymentError: null, attempts: () => 'attempts + 1', updatedAt: new Date() })
          .andWhere('status IN (:...from)', { from: change.from });
        break;
      case 'confirmation_abandoned':
        query.set({ status: 'requires_payment_method', paymentMethod: change.paymentMethod, updatedAt: new Date() }).andWhere(`status = 'processing'`);
        break;
      case 'authorized':
        query
          .set(change.captured
            ? { status: 'succeeded', latestCharge: change.chargeId, amountReceived: change.amount, amountCapturable: '0', updatedAt: new Date() }
            : { status: 'requires_capture', latestCharge: change.chargeId, amountCapturable: change.amount, updatedAt: new Date() })
          .andWhere(`status = 'processing'`);
        break;
      case 'declined':
        query
          .set({ status: 'requires_payment_method', latestCharge: change.chargeId, lastPaymentError: change.error, updatedAt: new Date() })
          .andWhere(`status = 'processing'`);
        break;
      default:
        return assertNever(change);
    }
    const result = await query.execute();
    return (result.affected ?? 0) === 1;
  }

  list(caller: Caller, params: ListPaymentIntentsParams): Promise<Page<PaymentIntentEntity> & { cursorMissing?: string }> {
    const query = this.dataSource.manager
      .createQueryBuilder(PaymentIntentEntity, 'pi')
      .where('pi.merchant_id = :merchantId AND pi.livemode = :livemode', caller);
    if (params.customer) query.andWhere('pi.customer = :customer', { customer: params.customer });
    return keysetPage(query, 'pi', params);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unhandled change ${JSON.stringify(value)}`);
}
