import { Inject, Injectable } from '@nestjs/common';
import type { Caller, ListChargesParams, ReportingSummaryParams } from '@payrail/contracts';
import { applyCreatedRange, keysetPage, type Page } from '@payrail/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { ChargeEntity } from './charge.entity.js';

@Injectable()
export class ChargesRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Failed charge attempts per currency over `[gte, lt)`, counted in SQL over `charges_merchant_created_idx`. */
  async failedTally(caller: Caller, params: ReportingSummaryParams): Promise<Array<{ currency: string; count: string; amount: string }>> {
    const values: unknown[] = [caller.merchantId, caller.livemode, params.gte, params.lt];
    if (params.currency) values.push(params.currency);
    return (await this.dataSource.query(
      `SELECT "currency", count(*)::text AS "count", coalesce(sum("amount"), 0)::text AS "amount" FROM "payments"."charges"
        WHERE "merchant_id" = $1 AND "livemode" = $2 AND "created_at" >= to_timestamp($3) AND "created_at" < to_timestamp($4) AND "status" = 'failed'
          ${params.currency ? 'AND "currency" = $5' : ''}
        GROUP BY "currency" ORDER BY "currency"`,
      values,
    )) as Array<{ currency: string; count: string; amount: string }>;
  }

  async insert(manager: EntityManager, charge: ChargeEntity): Promise<void> {
    await manager.insert(ChargeEntity, charge);
  }

  findOwned(caller: Caller, id: string, manager: EntityManager = this.dataSource.manager): Promise<ChargeEntity | null> {
    return manager.findOneBy(ChargeEntity, { id, merchantId: caller.merchantId, livemode: caller.livemode });
  }

  /** Unscoped on purpose: for the receipt page, whose token (checked by the caller) is the credential. */
  findForReceipt(id: string): Promise<ChargeEntity | null> {
    return this.dataSource.manager.findOneBy(ChargeEntity, { id });
  }

  /** A manual-capture charge takes what was captured, once: only an uncaptured succeeded charge changes. */
  async capture(manager: EntityManager, chargeId: string, amountCaptured: string): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(ChargeEntity)
      .set({ amountCaptured })
      .where(`id = :chargeId AND status = 'succeeded' AND amount_captured = 0`, { chargeId })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  list(caller: Caller, params: ListChargesParams): Promise<Page<ChargeEntity> & { cursorMissing?: string }> {
    const query = this.dataSource.manager
      .createQueryBuilder(ChargeEntity, 'ch')
      .where('ch.merchant_id = :merchantId AND ch.livemode = :livemode', caller);
    if (params.payment_intent) query.andWhere('ch.payment_intent_id = :paymentIntent', { paymentIntent: params.payment_intent });
    if (params.customer) query.andWhere('ch.customer = :customer', { customer: params.customer });
    applyCreatedRange(query, 'ch', params.created);
    return keysetPage(query, 'ch', params);
  }

  findById(manager: EntityManager, id: string): Promise<ChargeEntity | null> {
    return manager.findOneBy(ChargeEntity, { id });
  }

  /**
   * Records a refund against its charge once: the refund id is the key, so a replayed refund event
   * adds nothing. Returns whether the charge changed.
   */
  /** Marks the charge disputed; `false` when it was already (a dispute redelivered, or a second one). */
  async markDisputed(manager: EntityManager, chargeId: string): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(ChargeEntity)
      .set({ disputed: true })
      .where('id = :chargeId AND disputed = false', { chargeId })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  async applyRefund(manager: EntityManager, chargeId: string, refundId: string, amount: number): Promise<boolean> {
    const inserted = (await manager.query(
      `INSERT INTO "payments"."charge_refunds" ("refund_id", "charge_id", "amount") VALUES ($1, $2, $3)
       ON CONFLICT ON CONSTRAINT "charge_refunds_pkey" DO NOTHING RETURNING "refund_id"`,
      [refundId, chargeId, amount],
    )) as unknown[];
    if (inserted.length === 0) return false;
    await manager.query(`UPDATE "payments"."charges" SET "amount_refunded" = "amount_refunded" + $2 WHERE "id" = $1`, [chargeId, amount]);
    return true;
  }
}
