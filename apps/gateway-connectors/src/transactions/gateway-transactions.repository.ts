import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '@payrail/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { GatewayTransactionEntity } from './gateway-transaction.entity.js';
import type { FeeColumns } from './gateway-transaction.mapper.js';

@Injectable()
export class GatewayTransactionsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Looked up across merchants on purpose: the caller checks ownership, so a collision is refused, not hidden. */
  findByIdempotencyKey(idempotencyKey: string, manager: EntityManager = this.dataSource.manager): Promise<GatewayTransactionEntity | null> {
    return manager.findOneBy(GatewayTransactionEntity, { idempotencyKey });
  }

  /**
   * Records how a refund the gateway answered `pending` to ended (and, when given, how the gateway paid it
   * out: `feeColumns`); false if another sync recorded it first.
   */
  async settlePendingRefund(
    id: string,
    result: { status: 'succeeded' | 'failed'; failureReason?: string; externalReference: string | null; feeColumns?: FeeColumns },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    const update = await manager
      .createQueryBuilder()
      .update(GatewayTransactionEntity)
      .set({
        outcome: result.status,
        failureCode: result.status === 'failed' ? (result.failureReason ?? 'unknown') : null,
        ...(result.externalReference ? { gatewayReference: result.externalReference } : {}),
        ...result.feeColumns,
      })
      .where(`id = :id AND kind = 'refund' AND outcome = 'pending'`, { id })
      .execute();
    return (update.affected ?? 0) === 1;
  }

  /** Inserts unless a transaction with the same idempotency key exists; returns whether it did. */
  async insertIfAbsent(manager: EntityManager, transaction: GatewayTransactionEntity): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(GatewayTransactionEntity)
      .values(transaction)
      .orIgnore()
      .returning(['id'])
      .execute();
    const rows = result.raw as unknown[];
    return rows.length === 1;
  }

  findSucceededAuthorization(caller: Caller, id: string, connector: string): Promise<GatewayTransactionEntity | null> {
    return this.dataSource.manager.findOneBy(GatewayTransactionEntity, {
      id,
      connector,
      merchantId: caller.merchantId,
      livemode: caller.livemode,
      kind: 'authorization',
      outcome: 'succeeded',
    });
  }

  /** An authorisation of the caller's, whatever its outcome (captures, voids and 3D Secure act on it). */
  findAuthorization(caller: Caller, id: string): Promise<GatewayTransactionEntity | null> {
    return this.dataSource.manager.findOneBy(GatewayTransactionEntity, { id, merchantId: caller.merchantId, livemode: caller.livemode, kind: 'authorization' });
  }

  /** The authorisation of a payment intent that waits for the customer's 3D Secure, if any. */
  findPendingAuthentication(caller: Caller, paymentIntentId: string): Promise<GatewayTransactionEntity | null> {
    return this.dataSource.manager.findOne(GatewayTransactionEntity, {
      where: { sourceId: paymentIntentId, merchantId: caller.merchantId, livemode: caller.livemode, kind: 'authorization', outcome: 'requires_action' },
      order: { createdAt: 'DESC' },
    });
  }

  /** The capture or void already made of an authorisation, if any: an authorisation is settled once. */
  findSettlement(parentId: string): Promise<GatewayTransactionEntity | null> {
    return this.dataSource.manager
      .createQueryBuilder(GatewayTransactionEntity, 'gtx')
      .where('gtx.parent_id = :parentId AND gtx.kind IN (:...kinds)', { parentId, kinds: ['capture', 'void'] })
      .getOne();
  }

  /** Gives a pending authorisation whose answer was lost the gateway reference its callback revealed; false if it has one already. */
  async adoptGatewayReference(id: string, reference: string): Promise<boolean> {
    const update = await this.dataSource.manager
      .createQueryBuilder()
      .update(GatewayTransactionEntity)
      .set({ gatewayReference: reference })
      .where(`id = :id AND kind = 'authorization' AND outcome = 'pending' AND gateway_reference IS NULL`, { id })
      .execute();
    return (update.affected ?? 0) === 1;
  }

  /** The M-Pesa push waiting for its customer that Daraja knows by this CheckoutRequestID, whichever account sent it. */
  findPendingMpesaPush(checkoutRequestId: string): Promise<GatewayTransactionEntity | null> {
    return this.dataSource.manager.findOneBy(GatewayTransactionEntity, { connector: 'mpesa', kind: 'authorization', outcome: 'pending', gatewayReference: checkoutRequestId });
  }

  /** The account's transaction of `kind` the gateway knows by `reference` (M-Pesa's CheckoutRequestID, ConversationID). */
  findByGatewayReference(account: { id: string; merchantId: string; livemode: boolean }, kind: 'authorization' | 'refund', reference: string): Promise<GatewayTransactionEntity | null> {
    return this.dataSource.manager.findOne(GatewayTransactionEntity, {
      where: { merchantId: account.merchantId, livemode: account.livemode, gatewayAccountId: account.id, kind, gatewayReference: reference },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** What has been, or may yet be, refunded of an authorisation. */
  async refundedAmount(parentId: string): Promise<number> {
    const [row] = (await this.dataSource.query(
      `SELECT COALESCE(SUM("amount"), 0)::text AS "total" FROM "connectors"."gateway_transactions"
        WHERE "parent_id" = $1 AND "kind" = 'refund' AND "outcome" IN ('succeeded', 'pending')`,
      [parentId],
    )) as Array<{ total: string }>;
    return Number(row.total);
  }
}
