import { Inject, Injectable } from '@nestjs/common';
import type { Caller, ListCustomersParams, TimestampRange } from '@payrail/contracts';
import { keysetPage, type Page } from '@payrail/persistence';
import { DataSource, IsNull, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { CustomerEntity } from './customer.entity.js';

export type CustomerFields = Partial<Pick<CustomerEntity, 'email' | 'name' | 'phone' | 'description' | 'metadata' | 'defaultPaymentMethod'>>;

/** The only changes a customer undergoes after creation; none applies to a deleted customer. */
export type CustomerChange =
  | { kind: 'update'; fields: CustomerFields }
  | { kind: 'default_payment_method_detached'; paymentMethodId: string }
  | { kind: 'delete' };

@Injectable()
export class CustomersRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, customer: CustomerEntity): Promise<void> {
    await manager.insert(CustomerEntity, customer);
  }

  /**
   * A live (not deleted) customer of the caller's; `includeDeleted` for retrieve. With `lock`, the row
   * stays locked until the transaction ends: take it before locking any of its payment methods.
   */
  findOwned(
    caller: Caller,
    id: string,
    options: { manager?: EntityManager; lock?: boolean; includeDeleted?: boolean } = {},
  ): Promise<CustomerEntity | null> {
    const manager = options.manager ?? this.dataSource.manager;
    return manager.findOne(CustomerEntity, {
      where: { id, merchantId: caller.merchantId, livemode: caller.livemode, ...(options.includeDeleted ? {} : { deletedAt: IsNull() }) },
      ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  async apply(manager: EntityManager, id: string, change: CustomerChange): Promise<boolean> {
    const updatedAt = new Date();
    const live = { id, deletedAt: IsNull() };
    let result;
    switch (change.kind) {
      case 'update':
        result = await manager.update(CustomerEntity, live, { ...change.fields, updatedAt });
        break;
      case 'default_payment_method_detached':
        result = await manager.update(CustomerEntity, { ...live, defaultPaymentMethod: change.paymentMethodId }, { defaultPaymentMethod: null, updatedAt });
        break;
      case 'delete':
        result = await manager.update(CustomerEntity, live, { deletedAt: updatedAt, defaultPaymentMethod: null, updatedAt });
        break;
      default:
        return assertNever(change);
    }
    return (result.affected ?? 0) === 1;
  }

  list(caller: Caller, params: ListCustomersParams): Promise<Page<CustomerEntity> & { cursorMissing?: string }> {
    const query = this.dataSource.manager
      .createQueryBuilder(CustomerEntity, 'c')
      .where('c.merchant_id = :merchantId AND c.livemode = :livemode AND c.deleted_at IS NULL', caller);
    if (params.email !== undefined) query.andWhere('c.email = :email', { email: params.email });
    if (params.created !== undefined) whereCreated(query, params.created);
    return keysetPage(query, 'c', params);
  }
}

/**
 * `created` is shown in whole seconds, so each bound compares whole seconds: `gt: T` means from T+1
 * on, `lte: T` means before T+1, and an exact `created: T` is the second [T, T+1).
 */
function whereCreated(query: SelectQueryBuilder<CustomerEntity>, created: number | TimestampRange): void {
  const range: TimestampRange = typeof created === 'number' ? { gte: created, lte: created } : created;
  const at = (seconds: number) => new Date(seconds * 1000);
  if (range.gt !== undefined) query.andWhere('c.created_at >= :createdGt', { createdGt: at(range.gt + 1) });
  if (range.gte !== undefined) query.andWhere('c.created_at >= :createdGte', { createdGte: at(range.gte) });
  if (range.lt !== undefined) query.andWhere('c.created_at < :createdLt', { createdLt: at(range.lt) });
  if (range.lte !== undefined) query.andWhere('c.created_at < :createdLte', { createdLte: at(range.lte + 1) });
}

function assertNever(value: never): never {
  throw new Error(`Unhandled change ${JSON.stringify(value)}`);
}
