import { Inject, Injectable } from '@nestjs/common';
import type { Caller, ListEventsParams } from '@payrail/contracts';
import { keysetPage, type Page } from '@payrail/persistence';
import { DataSource, type EntityManager, type QueryDeepPartialEntity } from 'typeorm';
import { EventEntity } from './event.entity.js';
import type { NewEvent } from './event.mapper.js';
import { eventTypeLikePattern } from './event-types.js';

@Injectable()
export class EventsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Records the event unless one was made from the same domain event already; returns whether it was. */
  async insert(manager: EntityManager, event: NewEvent): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(EventEntity)
      // clock_timestamp, not the transaction's now(): events recorded in quick succession keep their order.
      .values({ ...event, createdAt: () => 'clock_timestamp()' } as QueryDeepPartialEntity<EventEntity>)
      .orIgnore()
      .returning(['id'])
      .execute();
    return (result.raw as unknown[]).length === 1;
  }

  async setPendingWebhooks(manager: EntityManager, id: string, count: number): Promise<void> {
    await manager.update(EventEntity, { id }, { pendingWebhooks: count });
  }

  async addPendingWebhooks(manager: EntityManager, id: string, count: number): Promise<void> {
    if (count === 0) return;
    await manager.query(`UPDATE "webhooks"."events" SET "pending_webhooks" = "pending_webhooks" + $2 WHERE "id" = $1`, [id, count]);
  }

  /** One delivery of each listed event has settled (an id may repeat). */
  async settleWebhooks(manager: EntityManager, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await manager.query(
      `UPDATE "webhooks"."events" AS e SET "pending_webhooks" = GREATEST(e."pending_webhooks" - settled."count", 0)
         FROM (SELECT "id", COUNT(*)::int AS "count" FROM unnest($1::text[]) AS "id" GROUP BY "id") AS settled
        WHERE e."id" = settled."id"`,
      [ids],
    );
  }

  findById(id: string): Promise<EventEntity | null> {
    return this.dataSource.manager.findOneBy(EventEntity, { id });
  }

  findOwned(caller: Caller, id: string): Promise<EventEntity | null> {
    return this.dataSource.manager.findOneBy(EventEntity, { id, merchantId: caller.merchantId, livemode: caller.livemode });
  }

  list(caller: Caller, params: ListEventsParams): Promise<Page<EventEntity> & { cursorMissing?: string }> {
    const query = this.dataSource.manager
      .createQueryBuilder(EventEntity, 'ev')
      .where('ev.merchant_id = :merchantId AND ev.livemode = :livemode', { merchantId: caller.merchantId, livemode: caller.livemode });
    if (params.type !== undefined) query.andWhere('ev.type LIKE :type', { type: eventTypeLikePattern(params.type) });
    return keysetPage(query, 'ev', params);
  }
}
