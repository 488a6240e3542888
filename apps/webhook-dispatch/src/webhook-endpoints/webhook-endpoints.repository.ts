import { Inject, Injectable } from '@nestjs/common';
import type { Caller, ListWebhookEndpointsParams } from '@payrail/contracts';
import { keysetPage, type Page } from '@payrail/persistence';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import type { EndpointUpdate } from './update-webhook-endpoint.params.js';
import { WebhookEndpointEntity } from './webhook-endpoint.entity.js';

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

  /** The enabled hidden endpoints of a transaction, found by its session or by its PaymentIntent. */
  findForTransaction(manager: EntityManager, caller: Caller, match: { transaction: string } | { paymentIntent: string }): Promise<WebhookEndpointEntity[]> {
    const query = manager
      .createQueryBuilder(WebhookEndpointEntity, 'we')
      .where("we.merchant_id = :merchantId AND we.livemode = :livemode AND we.transaction IS NOT NULL AND we.status = 'enabled' AND we.deleted_at IS NULL", caller);
    if ('transaction' in match) query.andWhere("we.transaction->>'id' = :transaction", { transaction: match.transaction });
    else query.andWhere("we.transaction->>'payment_intent' = :paymentIntent", { paymentIntent: match.paymentIntent });
    return query.getMany();
  }

  async setTransactionPaymentIntent(manager: EntityManager, id: string, paymentIntent: string): Promise<void> {
    await manager.query(
      `UPDATE "webhooks"."webhook_endpoints" SET "transaction" = jsonb_set("transaction", '{payment_intent}', to_jsonb($2::text)), "updated_at" = now() WHERE "id" = $1`,
      [id, paymentIntent],
    );
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
