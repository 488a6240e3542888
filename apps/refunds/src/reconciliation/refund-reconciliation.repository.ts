import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '@payrail/contracts';
import { DataSource } from 'typeorm';
import { RefundEntity } from '../refunds/refund.entity.js';

/** A pending refund, claimed by one worker for one try. */
export interface ClaimedRefund {
  id: string;
  createdAt: Date;
  attempt: number;
}

/**
 * The reconciliation schedule of pending refunds, kept on the row so that refunds replicas share it.
 * A claim moves `reconciliation_next_at` to the next scheduled try before the gateway is asked, so
 * another worker only takes the refund when that time comes (or if this worker died first).
 */
@Injectable()
export class RefundReconciliationRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * Claims up to `limit` pending refunds due now: never tried and made before `firstDueBefore`, or
   * scheduled for now or earlier and not given up. `nextAttemptAt` gives each one's next try (its lease).
   */
  claimDue(now: Date, firstDueBefore: Date, limit: number, nextAttemptAt: (createdAt: Date) => Date): Promise<ClaimedRefund[]> {
    return this.dataSource.transaction(async (manager) => {
      const due = (await manager.query(
        `SELECT "id", "created_at" FROM "refunds"."refunds"
          WHERE "status" = 'pending' AND "reconciliation" IS NULL
            AND (("reconciliation_next_at" IS NULL AND "created_at" <= $1) OR "reconciliation_next_at" <= $2)
          ORDER BY "created_at" LIMIT $3
          FOR UPDATE SKIP LOCKED`,
        [firstDueBefore, now, limit],
      )) as Array<{ id: string; created_at: Date }>;
      const claimed: ClaimedRefund[] = [];
      for (const row of due) {
        const [[updated]] = (await manager.query(
          `UPDATE "refunds"."refunds" SET "reconciliation_attempts" = "reconciliation_attempts" + 1, "reconciliation_next_at" = $2
            WHERE "id" = $1 RETURNING "reconciliation_attempts"`,
          [row.id, nextAttemptAt(row.created_at)],
        )) as [Array<{ reconciliation_attempts: number }>, number];
        claimed.push({ id: row.id, createdAt: row.created_at, attempt: updated.reconciliation_attempts });
      }
      return claimed;
    });
  }

  /** Records a try that left the refund pending; `giveUp` flags it `gave_up`. False once it is settled. */
  async recordUnsettled(id: string, error: string, giveUp: boolean): Promise<boolean> {
    const [, affected] = (await this.dataSource.query(
      `UPDATE "refunds"."refunds" SET
          "reconciliation_last_error" = $2,
          "reconciliation" = CASE WHEN $3::boolean THEN 'gave_up' ELSE NULL END,
          "reconciliation_next_at" = CASE WHEN $3::boolean THEN NULL ELSE "reconciliation_next_at" END
        WHERE "id" = $1 AND "status" = 'pending'`,
      [id, error, giveUp],
    )) as [unknown, number];
    return affected > 0;
  }

  findById(id: string): Promise<RefundEntity | null> {
    return this.dataSource.manager.findOneBy(RefundEntity, { id });
  }

  /** The merchant's pending refunds of one payment: what a gateway's refund callback may be about. */
  findPendingOfPayment(caller: Caller, paymentIntentId: string): Promise<RefundEntity[]> {
    return this.dataSource.manager.findBy(RefundEntity, { merchantId: caller.merchantId, livemode: caller.livemode, paymentIntentId, status: 'pending' });
  }
}
