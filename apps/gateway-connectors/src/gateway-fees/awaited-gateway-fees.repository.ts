import { Inject, Injectable } from '@nestjs/common';
import type { Caller, GatewayFee } from '@payrail/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { GatewayTransactionEntity } from '../transactions/gateway-transaction.entity.js';

/** How long a pass holds a fee it took: one that died gives it back this long after. */
const LEASE_MS = 5 * 60_000;

/** A transaction whose gateway fee is awaited, as one check needs it. */
export interface AwaitedGatewayFee {
  transactionId: string;
  caller: Caller;
  gateway: string;
  gatewayAccountId: string | null;
  /** What to ask the gateway about (Stripe's charge id). */
  reference: string;
  /** Checks made before, this one included. */
  checks: number;
  awaitedSince: Date;
}

interface AwaitedRow {
  id: string;
  merchant_id: string;
  livemode: boolean;
  connector: string;
  gateway_account_id: string | null;
  gateway_fee_reference: string;
  gateway_fee_checks: number;
  created_at: Date;
}

/** The awaited gateway fees of the transaction log (`gateway_fee_status = 'awaited'`) and how each ends. */
@Injectable()
export class AwaitedGatewayFeesRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Takes up to `limit` fees due for a check at `now`, counting the check; a replica's pass never takes the same ones. */
  async takeDue(now: Date, limit: number): Promise<AwaitedGatewayFee[]> {
    const rows = (await this.dataSource.query(
      `UPDATE connectors.gateway_transactions SET gateway_fee_next_check_at = $2, gateway_fee_checks = gateway_fee_checks + 1
        WHERE id IN (
          SELECT id FROM connectors.gateway_transactions
           WHERE gateway_fee_status = 'awaited' AND gateway_fee_next_check_at <= $1
           ORDER BY gateway_fee_next_check_at LIMIT $3 FOR UPDATE SKIP LOCKED)
          AND gateway_fee_status = 'awaited'
        RETURNING id, merchant_id, livemode, connector, gateway_account_id, gateway_fee_reference, gateway_fee_checks, created_at`,
      [now, new Date(now.getTime() + LEASE_MS), limit],
    )) as [AwaitedRow[], number];
    return rows[0].map((row) => ({
      transactionId: row.id,
      caller: { merchantId: row.merchant_id, livemode: row.livemode },
      gateway: row.connector,
      gatewayAccountId: row.gateway_account_id,
      reference: row.gateway_fee_reference,
      checks: row.gateway_fee_checks,
      awaitedSince: new Date(row.created_at),
    }));
  }

  /**
   * Records the fee, unless it is no longer awaited (another pass or replica recorded it first): the
   * transaction as it now is, or null. Run in the transaction that publishes its event.
   */
  async recordFee(manager: EntityManager, transactionId: string, fee: GatewayFee): Promise<GatewayTransactionEntity | null> {
    const updated = (await manager.query(
      `UPDATE connectors.gateway_transactions
          SET gateway_fee_status = 'reported', gateway_fee_amount = $2, gateway_fee_currency = $3, gateway_fee_next_check_at = NULL,
              gateway_settled_amount = $4, gateway_exchange_rate = $5
        WHERE id = $1 AND gateway_fee_status = 'awaited' RETURNING id`,
      [transactionId, fee.amount, fee.currency.toLowerCase(), fee.settlement?.amount ?? null, fee.settlement?.exchangeRate ?? null],
    )) as [unknown[], number];
    if (updated[0].length !== 1) return null;
    return manager.findOneBy(GatewayTransactionEntity, { id: transactionId });
  }

  async askAgainAt(transactionId: string, at: Date): Promise<void> {
    await this.dataSource.query(`UPDATE connectors.gateway_transactions SET gateway_fee_next_check_at = $2 WHERE id = $1 AND gateway_fee_status = 'awaited'`, [transactionId, at]);
  }

  /** Stops asking; false when the fee was recorded (or abandoned) meanwhile. */
  async abandon(transactionId: string): Promise<boolean> {
    const updated = (await this.dataSource.query(
      `UPDATE connectors.gateway_transactions SET gateway_fee_status = 'abandoned', gateway_fee_next_check_at = NULL
        WHERE id = $1 AND gateway_fee_status = 'awaited' RETURNING id`,
      [transactionId],
    )) as [unknown[], number];
    return updated[0].length === 1;
  }
}
