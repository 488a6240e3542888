import { Inject, Injectable } from '@nestjs/common';
import type { Caller, ListRefundsParams } from '@payrail/contracts';
import { keysetPage, type Page } from '@payrail/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { RefundEntity } from './refund.entity.js';

/** What the connector's answer may do to a pending refund; nothing else changes a refund. */
export type RefundChange =
  | { kind: 'succeeded'; gatewayReference: string }
  | { kind: 'failed'; gatewayReference: string | null; failureReason: string }
  /** The gateway accepted the refund but settles it later: still pending, now with its reference. */
  | { kind: 'accepted'; gatewayReference: string };

@Injectable()
export class RefundsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * Serialises refunds of one charge until the transaction ends, so that the amount already refunded
   * cannot change between summing it and inserting the next refund.
   */
  async lockCharge(manager: EntityManager, chargeId: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [chargeId]);
  }

  /** Refunded or still being refunded: a pending refund keeps its amount reserved. */
  async reservedAmount(manager: EntityManager, caller: Caller, chargeId: string): Promise<number> {
    const [row] = (await manager.query(
      `SELECT COALESCE(SUM("amount"), 0)::text AS "total" FROM "refunds"."refunds"
        WHERE "merchant_id" = $1 AND "livemode" = $2 AND "charge_id" = $3 AND "status" IN ('pending', 'succeeded')`,
      [caller.merchantId, caller.livemode, chargeId],
    )) as Array<{ total: string }>;
    return Number(row.total);
  }

  async insert(manager: EntityManager, refund: RefundEntity): Promise<void> {
    await manager.insert(RefundEntity, refund);
  }

  /**
   * Inserts a refund created under an idempotency key unless the merchant already has one under that key
   * (a concurrent insert of the same key is waited for); returns whether it did. A key older than
   * `windowHours` is given up first, as the edge forgets keys after a day and a merchant may reuse it.
   */
  async insertKeyed(manager: EntityManager, refund: RefundEntity & { idempotencyKey: string }, windowHours: number): Promise<boolean> {
    await manager.query(
      `UPDATE "refunds"."refunds" SET "idempotency_key" = NULL
        WHERE "merchant_id" = $1 AND "livemode" = $2 AND "idempotency_key" = $3 AND "created_at" <= now() - $4::integer * interval '1 hour'`,
      [refund.merchantId, refund.livemode, refund.idempotencyKey, windowHours],
    );
    const result = await manager.createQueryBuilder().insert().into(RefundEntity).values(refund).orIgnore().returning(['id']).execute();
    return (result.raw as unknown[]).length === 1;
  }

  /** The refund created under this key within the last `windowHours`, if any. */
  findByIdempotencyKey(caller: Caller, idempotencyKey: string, windowHours: number, manager: EntityManager = this.dataSource.manager): Promise<RefundEntity | null> {
    return manager
      .createQueryBuilder(RefundEntity, 're')
      .where('re.merchant_id = :merchantId AND re.livemode = :livemode AND re.idempotency_key = :idempotencyKey', {
        merchantId: caller.merchantId,
        livemode: caller.livemode,
        idempotencyKey,
      })
      .andWhere(`re.created_at > now() - CAST(:windowHours AS integer) * interval '1 hour'`, { windowHours })
      .getOne();
  }

  findOwned(caller: Caller, id: string, manager: EntityManager = this.dataSource.manager): Promise<RefundEntity | null> {
    return manager.findOneBy(RefundEntity, { id, merchantId: caller.merchantId, livemode: caller.livemode });
  }

  /** Applies a change to a refund that is still pending; `false` when it no longer is (someone else settled it). */
  async apply(manager: EntityManager, caller: Caller, id: string, change: RefundChange): Promise<boolean> {
    const query = manager
      .createQueryBuilder()
      .update(RefundEntity)
      .where('id = :id AND merchant_id = :merchantId AND livemode = :livemode', { id, ...caller })
      .andWhere(`status = 'pending'`);
    switch (change.kind) {
      case 'succeeded':
        query.set({ status: 'succeeded', gatewayReference: change.gatewayReference, updatedAt: new Date() });
        break;
      case 'failed':
        query.set({ status: 'failed', gatewayReference: change.gatewayReference, failureReason: change.failureReason, updatedAt: new Date() });
        break;
      case 'accepted':
        query.set({ gatewayReference: change.gatewayReference, updatedAt: new Date() });
        break;
      default:
        return assertNever(change);
    }
    const result = await query.execute();
    return (result.affected ?? 0) === 1;
  }

  list(caller: Caller, params: ListRefundsParams): Promise<Page<RefundEntity> & { cursorMissing?: string }> {
    const query = this.dataSource.manager
      .createQueryBuilder(RefundEntity, 're')
      .where('re.merchant_id = :merchantId AND re.livemode = :livemode', { merchantId: caller.merchantId, livemode: caller.livemode });
    if (params.payment_intent) query.andWhere('re.payment_intent_id = :paymentIntent', { paymentIntent: params.payment_intent });
    if (params.charge) query.andWhere('re.charge_id = :charge', { charge: params.charge });
    return keysetPage(query, 're', params);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unhandled refund change ${JSON.stringify(value)}`);
}
