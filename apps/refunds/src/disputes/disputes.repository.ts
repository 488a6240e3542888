import { Inject, Injectable } from '@nestjs/common';
import type { Caller, DisputeEvidence, DisputeStatus, ListDisputesParams } from '@payrail/contracts';
import { keysetPage, type Page } from '@payrail/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { DisputeEntity } from './dispute.entity.js';

/** What may change a dispute: the gateway's report, or the merchant's evidence, metadata or acceptance. */
export type DisputeChange =
  | { kind: 'reported'; status: DisputeStatus; amount: number }
  | { kind: 'evidence'; evidence: DisputeEvidence; metadata: Record<string, string>; submitTo: DisputeStatus | null }
  | { kind: 'metadata'; metadata: Record<string, string> }
  | { kind: 'closed'; status: DisputeStatus };

@Injectable()
export class DisputesRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  findOwned(caller: Caller, id: string, manager: EntityManager = this.dataSource.manager): Promise<DisputeEntity | null> {
    return manager.findOneBy(DisputeEntity, { id, merchantId: caller.merchantId, livemode: caller.livemode });
  }

  findByGatewayDispute(manager: EntityManager, caller: Caller, gateway: string, gatewayDisputeId: string): Promise<DisputeEntity | null> {
    return manager.findOneBy(DisputeEntity, { merchantId: caller.merchantId, livemode: caller.livemode, gateway, gatewayDisputeId });
  }

  /** Inserts unless the gateway's dispute is known already; returns whether it did. */
  async insertIfAbsent(manager: EntityManager, dispute: DisputeEntity): Promise<boolean> {
    const result = await manager.createQueryBuilder().insert().into(DisputeEntity).values(dispute).orIgnore().returning(['id']).execute();
    return (result.raw as unknown[]).length === 1;
  }

  /**
   * Applies a change while the dispute is still in `from` (the status read before): `false` when someone
   * else changed it first, so that two changes never both pass the same check.
   */
  async apply(manager: EntityManager, dispute: DisputeEntity, change: DisputeChange): Promise<boolean> {
    const query = manager
      .createQueryBuilder()
      .update(DisputeEntity)
      .where('id = :id AND status = :from', { id: dispute.id, from: dispute.status });
    const updatedAt = new Date();
    switch (change.kind) {
      case 'reported':
        query.set({ status: change.status, amount: String(change.amount), updatedAt });
        break;
      case 'evidence':
        query.set({
          evidence: change.evidence,
          metadata: change.metadata,
          updatedAt,
          ...(change.submitTo ? { status: change.submitTo, submissionCount: () => '"submission_count" + 1' } : {}),
        });
        break;
      case 'metadata':
        query.set({ metadata: change.metadata, updatedAt });
        break;
      case 'closed':
        query.set({ status: change.status, updatedAt });
        break;
      default:
        return assertNever(change);
    }
    return ((await query.execute()).affected ?? 0) === 1;
  }

  list(caller: Caller, params: ListDisputesParams): Promise<Page<DisputeEntity> & { cursorMissing?: string }> {
    const query = this.dataSource.manager
      .createQueryBuilder(DisputeEntity, 'dp')
      .where('dp.merchant_id = :merchantId AND dp.livemode = :livemode', { merchantId: caller.merchantId, livemode: caller.livemode });
    if (params.payment_intent) query.andWhere('dp.payment_intent_id = :paymentIntent', { paymentIntent: params.payment_intent });
    if (params.charge) query.andWhere('dp.charge_id = :charge', { charge: params.charge });
    return keysetPage(query, 'dp', params);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unhandled dispute change ${JSON.stringify(value)}`);
}
