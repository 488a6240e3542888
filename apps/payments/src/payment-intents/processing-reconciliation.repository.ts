import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PaymentIntentEntity } from './payment-intent.entity.js';

/** A due intent, claimed by one worker for one try. */
export interface ClaimedReconciliation {
  id: string;
  /** When its outcome became unknown: the `updated_at` of its move into `processing`. */
  unknownSince: Date;
  attempt: number;
}

/** The current processing episode: a row whose `updated_at` moved since it was scheduled is a new one. */
const SAME_EPISODE = `"reconciliation_since" = "updated_at"`;

/**
 * The reconciliation schedule of `processing` intents, kept on the row so that payments replicas share
 * it. A claim moves `reconciliation_next_at` to the next scheduled try before the gateway is asked, so
 * another worker only takes the intent when that time comes (or if this worker died first).
 */
@Injectable()
export class ProcessingReconciliationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Claims up to `limit` intents due for a try: stale (`updated_at` before `staleBefore`, so no live call
   * is synced under its feet) and either never scheduled in this episode or due now and not given up.
   * `nextAttemptAt` gives each one's next try (its lease); the row lock is held only for the claim.
   */
  claimDue(now: Date, staleBefore: Date, limit: number, nextAttemptAt: (unknownSince: Date) => Date): Promise<ClaimedReconciliation[]> {
    return this.dataSource.transaction(async (manager) => {
      const due = (await manager.query(
        `SELECT "id", "updated_at" FROM "payments"."payment_intents"
          WHERE "status" = 'processing' AND "updated_at" < $1
            AND ("reconciliation_since" IS DISTINCT FROM "updated_at" OR ("reconciliation" IS NULL AND "reconciliation_next_at" <= $2))
          ORDER BY "updated_at" LIMIT $3
          FOR UPDATE SKIP LOCKED`,
        [staleBefore, now, limit],
      )) as Array<{ id: string; updated_at: Date }>;
      const claimed: ClaimedReconciliation[] = [];
      for (const row of due) {
        const [[updated]] = (await manager.query(
          `UPDATE "payments"."payment_intents" SET
              "reconciliation_attempts" = CASE WHEN ${SAME_EPISODE} THEN "reconciliation_attempts" + 1 ELSE 1 END,
              "reconciliation_last_error" = CASE WHEN ${SAME_EPISODE} THEN "reconciliation_last_error" ELSE NULL END,
              "reconciliation_since" = "updated_at",
              "reconciliation_next_at" = $2,
              "reconciliation" = NULL
            WHERE "id" = $1
            RETURNING "reconciliation_attempts"`,
          [row.id, nextAttemptAt(row.updated_at)],
        )) as [Array<{ reconciliation_attempts: number }>, number];
        claimed.push({ id: row.id, unknownSince: row.updated_at, attempt: updated.reconciliation_attempts });
      }
      return claimed;
    });
  }

  /**
   * Records a try that left the intent `processing` in the same episode; `giveUp` flags it `gave_up`
   * and stops the schedule. Returns false when the intent was settled (or moved on) meanwhile.
   */
  async recordUnsettled(id: string, error: string, giveUp: boolean): Promise<boolean> {
    const [, affected] = (await this.dataSource.query(
      `UPDATE "payments"."payment_intents" SET
          "reconciliation_last_error" = $2,
          "reconciliation" = CASE WHEN $3::boolean THEN 'gave_up' ELSE NULL END,
          "reconciliation_next_at" = CASE WHEN $3::boolean THEN NULL ELSE "reconciliation_next_at" END
        WHERE "id" = $1 AND "status" = 'processing' AND ${SAME_EPISODE}`,
      [id, error, giveUp],
    )) as [unknown, number];
    return affected > 0;
  }

  findById(id: string): Promise<PaymentIntentEntity | null> {
    return this.dataSource.manager.findOneBy(PaymentIntentEntity, { id });
  }
}
