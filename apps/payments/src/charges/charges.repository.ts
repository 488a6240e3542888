import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '@payrail/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { ChargeEntity } from './charge.entity.js';

@Injectable()
export class ChargesRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, charge: ChargeEntity): Promise<void> {
    await manager.insert(ChargeEntity, charge);
  }

  findOwned(caller: Caller, id: string, manager: EntityManager = this.dataSource.manager): Promise<ChargeEntity | null> {
    return manager.findOneBy(ChargeEntity, { id, merchantId: caller.merchantId, livemode: caller.livemode });
  }

  findById(manager: EntityManager, id: string): Promise<ChargeEntity | null> {
    return manager.findOneBy(ChargeEntity, { id });
  }

  /**
   * Records a refund against its charge once: the refund id is the key, so a replayed refund event
   * adds nothing. Returns whether the charge changed.
   */
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
