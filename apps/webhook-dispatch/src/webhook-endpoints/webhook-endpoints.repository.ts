import { Inject, Injectable } from '@nestjs/common';
import type { Caller, ListWebhookEndpointsParams } from '@payrail/contracts';
import { keysetPage, type Page } from '@payrail/persistence';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import type { EndpointUpdate } from './update-webhook-endpoint.params.js';
import { WebhookEndpointEntity, type TransactionTarget } from './webhook-endpoint.entity.js';

@Injectable()
export class WebhookEndpointsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async insert(endpoint: WebhookEndpointEntity): Promise<void> {
    await this.dataSource.manager.insert(WebhookEndpointEntity, endpoint);
  }

  findOwned(caller: Caller, id: string): Promise<WebhookEndpointEntity | null> {
    return this.dataSource.manager.findOneBy(WebhookEndpointEntity, { id, merchantId: caller.merchantId, livemode: caller.livemode, deletedAt: IsNull(), transaction: IsNull() });
  }

  /** Any endpoint, deleted ones included: the dispatcher settles what is owed to them. */
  findById(id: string): Promise<WebhookEndpointEntity | null> {
    return this.dataSource.manager.findOneBy(WebhookEndpointEntity, { id });
  }

  findByIds(ids: readonly string[]): Promise<WebhookEndpointEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.manager.findBy(WebhookEndpointEntity, { id: In([...ids]) });
  }

  /** The caller's endpoints that events are sent to now (not the hidden ones of single transactions). */
  findEnabled(manager: EntityManager, caller: Caller): Promise<WebhookEndpointEntity[]> {
    return manager.findBy(WebhookEndpointEntity, { merchantId: caller.merchantId, livemode: caller.livemode, status: 'enabled', deletedAt: IsNull(), transaction: IsNull() });
  }

  /** findEnabled for several owners in one query. */
  findEnabledOfOwners(manager: EntityManager, owners: readonly Caller[]): Promise<WebhookEndpointEntity[]> {
    if (owners.length === 0) return Promise.resolve([]);
    return manager
      .createQueryBuilder(WebhookEndpointEntity, 'we')
      .where('(we.merchant_id, we.livemode) IN (SELECT * FROM unnest(CAST(:merchantIds AS text[]), CAST(:livemodes AS boolean[])))', {
        merchantIds: owners.map((owner) => owner.merchantId),
        livemodes: owners.map((owner) => owner.livemode),
      })
      .andWhere("we.status = 'enabled' AND we.deleted_at IS NULL AND we.transaction IS NULL")
      .getMany();
  }

  /** The enabled hidden endpoints of a transaction, found by its session or by its PaymentIntent. */
  findForTransaction(manager: EntityManager, caller: Caller, match: { transaction: string } | { paymentIntent: string }): Promise<WebhookEndpointEntity[]> {
    const query = manager
      .createQueryBuilder(WebhookEndpointEntity, 'we')
      .where("we.merchant_id = :merchantId AND we.livemode = :livemode AND we.transaction IS NOT NULL AND we.status = 'enabled' AND we.deleted_at IS NULL", caller);
    if ('transaction' in match) query.andWhere("we.transaction->>'id' = :transaction", { transaction: match.transaction });
    else query.andWhere("we.transaction->>'payment_intent' = :paymentIntent", { paymentIntent: match.paymentIntent });
    return query.getMany();
  }

  /** A transaction's hidden endpoint, unless its session has one already (a redelivered or retried request); returns whether it was made. */
  async insertForTransaction(manager: EntityManager, endpoint: WebhookEndpointEntity & { transaction: TransactionTarget }): Promise<boolean> {
    const result = await manager.createQueryBuilder().insert().into(WebhookEndpointEntity).values(endpoint).orIgnore().returning(['id']).execute();
    return (result.raw as unknown[]).length === 1;
  }

  /** The hidden endpoint of a session, whatever its state. */
  findOfTransaction(manager: EntityManager, caller: Caller, transaction: string): Promise<WebhookEndpointEntity | null> {
    return manager
      .createQueryBuilder(WebhookEndpointEntity, 'we')
      .where("we.merchant_id = :merchantId AND we.livemode = :livemode AND we.transaction IS NOT NULL AND we.transaction->>'id' = :transaction", { ...caller, transaction })
      .getOne();
  }

  /** Records the transaction's PaymentIntent once; `false` when it was known already. */
  async setTransactionPaymentIntent(manager: EntityManager, id: string, paymentIntent: string): Promise<boolean> {
    const [rows] = (await manager.query(
      `UPDATE "webhooks"."webhook_endpoints" SET "transaction" = jsonb_set("transaction", '{payment_intent}', to_jsonb($2::text)), "updated_at" = now()
        WHERE "id" = $1 AND "transaction"->>'payment_intent' IS NULL
        RETURNING "id"`,
      [id, paymentIntent],
    )) as [Array<{ id: string }>, number];
    return rows.length === 1;
  }

  /**
   * The session completed or expired: from now the retirement of its hidden endpoint can be decided (see
   * transaction-webhook.sweeper.ts), whether the endpoint is enabled or was disabled by failures.
   */
  async setTransactionEnded(manager: EntityManager, caller: Caller, transaction: string, ended: 'complete' | 'expired', at: Date): Promise<void> {
    await manager.query(
      `UPDATE "webhooks"."webhook_endpoints"
          SET "transaction" = "transaction" || jsonb_build_object('ended', $4::text, 'ended_at', $5::text), "updated_at" = now()
        WHERE "merchant_id" = $1 AND "livemode" = $2 AND "transaction" IS NOT NULL AND "transaction"->>'id' = $3
          AND "transaction"->>'ended' IS NULL AND "deleted_at" IS NULL`,
      [caller.merchantId, caller.livemode, transaction, ended, at.toISOString()],
    );
  }

  /**
   * Soft-deletes (attempt logs stay readable) up to `limit` hidden endpoints that can receive nothing more:
   * those of sessions that expired unpaid once nothing is pending for them (their payment.failed settled),
   * and those of paid sessions once `paidBefore` passed (refunds and disputes come within that retention).
   * Returns the ids retired.
   */
  async retireTransactionEndpoints(now: Date, paidBefore: Date, limit: number): Promise<string[]> {
    const [rows] = (await this.dataSource.query(
      `UPDATE "webhooks"."webhook_endpoints" SET "deleted_at" = $1, "updated_at" = $1
        WHERE "id" IN (
          SELECT we."id" FROM "webhooks"."webhook_endpoints" we
           WHERE we."transaction" IS NOT NULL AND we."deleted_at" IS NULL
             AND ((we."transaction"->>'ended' = 'complete' AND we."transaction"->>'ended_at' <= $2)
               OR (we."transaction"->>'ended' = 'expired'
                   AND NOT EXISTS (SELECT 1 FROM "webhooks"."webhook_deliveries" wd WHERE wd."endpoint_id" = we."id" AND wd."status" = 'pending')))
           ORDER BY we."transaction"->>'ended_at'
           LIMIT $3
           FOR UPDATE SKIP LOCKED)
        RETURNING "id"`,
      [now, paidBefore.toISOString(), limit],
    )) as [Array<{ id: string }>, number];
    return rows.map((row) => row.id);
  }

  /** Applies a checked update; re-enabling also forgets the failure streak that may have disabled it. */
  async update(caller: Caller, id: string, update: EndpointUpdate): Promise<void> {
    const streak = update.status === 'enabled' ? { failingSince: null } : {};
    await this.dataSource.manager.update(
      WebhookEndpointEntity,
      { id, merchantId: caller.merchantId, livemode: caller.livemode, deletedAt: IsNull(), transaction: IsNull() },
      { ...update, ...streak, updatedAt: new Date() },
    );
  }

  /** The new sealed secret signs from now; the old one beside it until `previousExpiresAt` (if it is in the future). */
  async rotateSecret(endpoint: WebhookEndpointEntity, newSecretSealed: string, previousExpiresAt: Date | null): Promise<void> {
    await this.dataSource.manager.update(
      WebhookEndpointEntity,
      { id: endpoint.id, secretSealed: endpoint.secretSealed },
      {
        secretSealed: newSecretSealed,
        previousSecretSealed: previousExpiresAt ? endpoint.secretSealed : null,
        previousSecretExpiresAt: previousExpiresAt,
        updatedAt: new Date(),
      },
    );
  }

  /**
   * Holds the endpoints' rows until the transaction ends, before any of their deliveries' rows are taken;
   * in id order, so that two batches locking overlapping endpoints cannot deadlock.
   */
  async lockForOutcomes(manager: EntityManager, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await manager.query(`SELECT 1 FROM "webhooks"."webhook_endpoints" WHERE "id" = ANY($1::text[]) ORDER BY "id" FOR UPDATE`, [[...ids]]);
  }

  /**
   * Records how an attempt went for the endpoint's failure streak. Returns `true` when this failure
   * disabled the endpoint: every attempt since `disableAfterSeconds` ago has failed.
   */
  async recordOutcome(manager: EntityManager, id: string, succeeded: boolean, disableAfterSeconds: number): Promise<boolean> {
    if (succeeded) {
      await manager.query(`UPDATE "webhooks"."webhook_endpoints" SET "failing_since" = NULL WHERE "id" = $1 AND "failing_since" IS NOT NULL`, [id]);
      return false;
    }
    const [rows] = (await manager.query(
      `UPDATE "webhooks"."webhook_endpoints"
          SET "failing_since" = COALESCE("failing_since", now()),
              "status" = CASE WHEN "failing_since" <= now() - make_interval(secs => $2) THEN 'disabled' ELSE "status" END,
              "updated_at" = now()
        WHERE "id" = $1 AND "status" = 'enabled' AND "deleted_at" IS NULL
        RETURNING "status"`,
      [id, disableAfterSeconds],
    )) as [Array<{ status: string }>, number];
    return rows[0]?.status === 'disabled';
  }

  /** Marks an endpoint deleted; `false` when the caller has no such endpoint (or it is gone already). */
  async markDeleted(manager: EntityManager, caller: Caller, id: string): Promise<boolean> {
    const now = new Date();
    const result = await manager.update(
      WebhookEndpointEntity,
      { id, merchantId: caller.merchantId, livemode: caller.livemode, deletedAt: IsNull(), transaction: IsNull() },
      { deletedAt: now, updatedAt: now },
    );
    return (result.affected ?? 0) === 1;
  }

  list(caller: Caller, params: ListWebhookEndpointsParams): Promise<Page<WebhookEndpointEntity> & { cursorMissing?: string }> {
    const query = this.dataSource.manager
      .createQueryBuilder(WebhookEndpointEntity, 'we')
      .where('we.merchant_id = :merchantId AND we.livemode = :livemode AND we.deleted_at IS NULL AND we.transaction IS NULL', {
        merchantId: caller.merchantId,
        livemode: caller.livemode,
      });
    return keysetPage(query, 'we', params);
  }
}
