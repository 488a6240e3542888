import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '@payrail/contracts';
import { keysetPage, type Page, type PageParams } from '@payrail/persistence';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { PaymentMethodEntity } from './payment-method.entity.js';

/** The only changes a stored payment method undergoes; each names the owner it expects to find. */
export type PaymentMethodChange =
  | { kind: 'attach'; customerId: string }
  | { kind: 'detach'; customerId: string };

@Injectable()
export class PaymentMethodsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, paymentMethod: PaymentMethodEntity): Promise<void> {
    await manager.insert(PaymentMethodEntity, paymentMethod);
  }

  /** With `lock`, the row stays locked until the transaction ends (take the customer's lock first). */
  findOwned(caller: Caller, id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<PaymentMethodEntity | null> {
    return manager.findOne(PaymentMethodEntity, {
      where: { id, merchantId: caller.merchantId, livemode: caller.livemode },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  /** Applies a change guarded by the current owner, so a concurrent attach or detach makes it a no-op (`false`). */
  async apply(manager: EntityManager, id: string, change: PaymentMethodChange): Promise<boolean> {
    const updatedAt = new Date();
    const result = change.kind === 'attach'
      ? await manager.update(PaymentMethodEntity, { id, customerId: IsNull() }, { customerId: change.customerId, updatedAt })
      : await manager.update(PaymentMethodEntity, { id, customerId: change.customerId }, { customerId: null, updatedAt });
    return (result.affected ?? 0) === 1;
  }

  /** Detaches every payment method of a customer being deleted; returns them as they were. */
  async detachAll(manager: EntityManager, caller: Caller, customerId: string): Promise<PaymentMethodEntity[]> {
    const attached = await manager.find(PaymentMethodEntity, {
      where: { merchantId: caller.merchantId, livemode: caller.livemode, customerId },
      lock: { mode: 'pessimistic_write' },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    if (attached.length > 0) {
      await manager.update(PaymentMethodEntity, { merchantId: caller.merchantId, livemode: caller.livemode, customerId }, { customerId: null, updatedAt: new Date() });
    }
    return attached;
  }

  list(caller: Caller, filter: { customerId?: string; type?: string }, params: PageParams): Promise<Page<PaymentMethodEntity> & { cursorMissing?: string }> {
    const query = this.dataSource.manager
      .createQueryBuilder(PaymentMethodEntity, 'pm')
      .where('pm.merchant_id = :merchantId AND pm.livemode = :livemode', caller);
    if (filter.customerId !== undefined) query.andWhere('pm.customer_id = :customerId', { customerId: filter.customerId });
    if (filter.type !== undefined) query.andWhere('pm.type = :type', { type: filter.type });
    return keysetPage(query, 'pm', params);
  }
}
