import { Inject, Injectable } from '@nestjs/common';
import type { Caller, ListWebhookEndpointsParams } from '@payrail/contracts';
import { keysetPage, type Page } from '@payrail/persistence';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { WebhookEndpointEntity } from './webhook-endpoint.entity.js';

@Injectable()
export class WebhookEndpointsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async insert(endpoint: WebhookEndpointEntity): Promise<void> {
    await this.dataSource.manager.insert(WebhookEndpointEntity, endpoint);
  }

  findOwned(caller: Caller, id: string): Promise<WebhookEndpointEntity | null> {
    return this.dataSource.manager.findOneBy(WebhookEndpointEntity, { id, merchantId: caller.merchantId, livemode: caller.livemode, deletedAt: IsNull() });
  }

  /** Any endpoint, deleted ones included: the dispatcher settles what is owed to them. */
  findById(id: string): Promise<WebhookEndpointEntity | null> {
    return this.dataSource.manager.findOneBy(WebhookEndpointEntity, { id });
  }

  /** The caller's endpoints that events are sent to now. */
  findEnabled(manager: EntityManager, caller: Caller): Promise<WebhookEndpointEntity[]> {
    return manager.findBy(WebhookEndpointEntity, { merchantId: caller.merchantId, livemode: caller.livemode, status: 'enabled', deletedAt: IsNull() });
  }

  /** Marks an endpoint deleted; `false` when the caller has no such endpoint (or it is gone already). */
  async markDeleted(manager: EntityManager, caller: Caller, id: string): Promise<boolean> {
    const now = new Date();
    const result = await manager.update(
      WebhookEndpointEntity,
      { id, merchantId: caller.merchantId, livemode: caller.livemode, deletedAt: IsNull() },
      { deletedAt: now, updatedAt: now },
    );
    return (result.affected ?? 0) === 1;
  }

  list(caller: Caller, params: ListWebhookEndpointsParams): Promise<Page<WebhookEndpointEntity> & { cursorMissing?: string }> {
    const query = this.dataSource.manager
      .createQueryBuilder(WebhookEndpointEntity, 'we')
      .where('we.merchant_id = :merchantId AND we.livemode = :livemode AND we.deleted_at IS NULL', {
        merchantId: caller.merchantId,
        livemode: caller.livemode,
      });
    return keysetPage(query, 'we', params);
  }
}
