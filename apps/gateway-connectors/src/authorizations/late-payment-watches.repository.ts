import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '@payrail/contracts';
import { DataSource } from 'typeorm';

/**
 * After its intent is canceled, an order is looked at again this long after: a customer may still pay on
 * Razorpay's page (it has no call to close an order), and nothing else tells Payrail if no webhook is set
 * up and the customer never comes back. Tight at first, when a late payment is likeliest.
 */
export const LATE_PAYMENT_LOOKS_AFTER_MS = [10 * 60_000, 60 * 60_000, 6 * 3_600_000, 24 * 3_600_000, 72 * 3_600_000] as const;

/** How long a pass holds a watch it took: a pass that died gives it back this long after. */
const LEASE_MS = 5 * 60_000;

export interface LatePaymentWatch {
  authorizationId: string;
  caller: Caller;
  /** Looks already made, this one not counted. */
  looks: number;
  watchedSince: Date;
}

interface WatchRow {
  authorization_id: string;
  merchant_id: string;
  livemode: boolean;
  looks: number;
  watched_since: Date;
}

@Injectable()
export class LatePaymentWatchesRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Watches the order of a canceled intent's checkout authorisation (once: watching again changes nothing). */
  async watch(caller: Caller, authorizationId: string, now: Date = new Date()): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO connectors.late_payment_watches (authorization_id, merchant_id, livemode, watched_since, next_look_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (authorization_id) DO NOTHING`,
      [authorizationId, caller.merchantId, caller.livemode, now, new Date(now.getTime() + LATE_PAYMENT_LOOKS_AFTER_MS[0])],
    );
  }

  /** Takes up to `limit` watches due at `now` for one pass; a replica's pass never takes the same ones. */
  async takeDue(now: Date, limit: number): Promise<LatePaymentWatch[]> {
    const rows = (await this.dataSource.query(
      `UPDATE connectors.late_payment_watches SET next_look_at = $2
        WHERE authorization_id IN (
          SELECT authorization_id FROM connectors.late_payment_watches WHERE next_look_at <= $1
           ORDER BY next_look_at LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING authorization_id, merchant_id, livemode, looks, watched_since`,
      [now, new Date(now.getTime() + LEASE_MS), limit],
    )) as [WatchRow[], number];
    return rows[0].map((row) => ({
      authorizationId: row.authorization_id,
      caller: { merchantId: row.merchant_id, livemode: row.livemode },
      looks: row.looks,
      watchedSince: new Date(row.watched_since),
    }));
  }

  /** The look was made: schedules the next one, or ends the watch after the last. */
  async looked(watch: LatePaymentWatch): Promise<void> {
    const looks = watch.looks + 1;
    if (looks >= LATE_PAYMENT_LOOKS_AFTER_MS.length) {
      await this.dataSource.query(`DELETE FROM connectors.late_payment_watches WHERE authorization_id = $1`, [watch.authorizationId]);
      return;
    }
    await this.dataSource.query(`UPDATE connectors.late_payment_watches SET looks = $2, next_look_at = $3 WHERE authorization_id = $1`, [
      watch.authorizationId,
      looks,
      new Date(watch.watchedSince.getTime() + LATE_PAYMENT_LOOKS_AFTER_MS[looks]),
    ]);
  }
}
