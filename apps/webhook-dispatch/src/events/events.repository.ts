import { Inject, Injectable } from '@nestjs/common';
import type { Caller, ListEventsParams } from '@payrail/contracts';
import { applyCreatedRange, keysetPage, type Page } from '@payrail/persistence';
import { DataSource, In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { EventEntity } from './event.entity.js';
import type { NewEvent } from './event.mapper.js';
import { eventTypeLikePattern } from './event-types.js';

@Injectable()
export class EventsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * Records events in one statement, in the order given (each later in its merchant's stored order than the
   * one before), skipping those made from the same domain event already; answers, for each recorded,
   * when it was recorded and its place in its merchant's stored order.
   */
  async insertMany(manager: EntityManager, events: ReadonlyArray<NewEvent & { traceparent: string | null }>): Promise<Map<string, { createdAt: Date; position: string }>> {
    if (events.length === 0) return new Map();
    // One JSON parameter, not an array per column: the driver would escape every event's JSON text element by element.
    const rows = JSON.stringify(
      events.map((event, index) => ({
        id: event.id,
        source_event_id: event.sourceEventId,
        merchant_id: event.merchantId,
        livemode: event.livemode,
        type: event.type,
        api_version: event.apiVersion,
        data: event.data,
        request_id: event.requestId,
        idempotency_key: event.idempotencyKey,
        pending_webhooks: event.pendingWebhooks,
        occurred_at: event.occurredAt,
        traceparent: event.traceparent,
        n: index + 1,
      })),
    );
    const inserted = (await manager.query(
      `INSERT INTO "webhooks"."events" ("id", "source_event_id", "merchant_id", "livemode", "type", "api_version", "data", "request_id",
                                        "idempotency_key", "pending_webhooks", "occurred_at", "traceparent", "created_at")
       SELECT e."id", e."source_event_id", e."merchant_id", e."livemode", e."type", e."api_version", e."data", e."request_id",
              e."idempotency_key", e."pending_webhooks", e."occurred_at", e."traceparent",
              -- Later than the row before it even within one microsecond of the clock: the stored order is the given order.
              clock_timestamp() + make_interval(secs => e."n" / 1000000.0)
         FROM jsonb_to_recordset($1::jsonb) AS e("id" text, "source_event_id" text, "merchant_id" text, "livemode" boolean, "type" text, "api_version" text, "data" jsonb,
                                                 "request_id" text, "idempotency_key" text, "pending_webhooks" int, "occurred_at" timestamptz, "traceparent" text, "n" int)
        ORDER BY e."n"
       ON CONFLICT DO NOTHING
       RETURNING "id", "created_at", ${POSITION_SQL('"created_at"')} AS "stream_position"`,
      [rows],
    )) as Array<{ id: string; created_at: Date; stream_position: string }>;
    return new Map(inserted.map((row) => [row.id, { createdAt: row.created_at, position: row.stream_position }]));
  }

  async addPendingWebhooks(manager: EntityManager, id: string, count: number): Promise<void> {
    if (count === 0) return;
    await manager.query(`UPDATE "webhooks"."events" SET "pending_webhooks" = "pending_webhooks" + $2 WHERE "id" = $1`, [id, count]);
  }

  /** One delivery of each listed event has settled (an id may repeat). */
  async settleWebhooks(manager: EntityManager, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    // In id order first: two replicas settling batches that share events would otherwise lock them in
    // whatever order the join visits them, and could deadlock.
    await manager.query(`SELECT 1 FROM "webhooks"."events" WHERE "id" = ANY($1::text[]) ORDER BY "id" FOR UPDATE`, [[...new Set(ids)]]);
    await manager.query(
      `UPDATE "webhooks"."events" AS e SET "pending_webhooks" = GREATEST(e."pending_webhooks" - settled."count", 0)
         FROM (SELECT "id", COUNT(*)::int AS "count" FROM unnest($1::text[]) AS "id" GROUP BY "id") AS settled
        WHERE e."id" = settled."id"`,
      [ids],
    );
  }

  /**
   * The merchant's recorded events about a PaymentIntent, oldest first: of `intentTypes` whose object is
   * it, and of `types` whose object belongs to it.
   */
  async idsAboutPaymentIntent(manager: EntityManager, owner: Caller, intentTypes: readonly string[], types: readonly string[], paymentIntent: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT "id" FROM "webhooks"."events"
       WHERE "merchant_id" = $1 AND "livemode" = $2
         AND (("type" = ANY($3::text[]) AND "data"->'object'->>'payment_intent' = $4) OR ("type" = ANY($5::text[]) AND "data"->'object'->>'id' = $4))
       ORDER BY "created_at", "id"`,
      [owner.merchantId, owner.livemode, [...types], paymentIntent, [...intentTypes]],
    );
    return rows.map((row) => row.id);
  }

  /** The merchant's recorded events of these types whose object is `objectId`, oldest first. */
  async aboutObject(manager: EntityManager, owner: Caller, types: readonly string[], objectId: string): Promise<Array<Pick<EventEntity, 'id' | 'type' | 'data'>>> {
    return manager
      .createQueryBuilder(EventEntity, 'ev')
      .select(['ev.id', 'ev.type', 'ev.data'])
      .where('ev.merchant_id = :merchantId AND ev.livemode = :livemode AND ev.type IN (:...types)', { merchantId: owner.merchantId, livemode: owner.livemode, types: [...types] })
      .andWhere("ev.data->'object'->>'id' = :objectId", { objectId })
      .orderBy('ev.created_at', 'ASC')
      .addOrderBy('ev.id', 'ASC')
      .getMany();
  }

  /**
   * Serialises the recording of one merchant's events until the transaction ends, so that their commit
   * order is their `created_at` order: a stream reader that resumes after an event then misses none.
   */
  async lockMerchantEvents(manager: EntityManager, merchantId: string): Promise<void> {
    await this.lockMerchantsEvents(manager, [merchantId]);
  }

  /**
   * lockMerchantEvents for several merchants in one statement, in merchant id order (one order for every
   * transaction, so that two replicas' batches cannot deadlock on them): a batch of events from many
   * merchants takes its locks in one round trip, not one each.
   */
  async lockMerchantsEvents(manager: EntityManager, merchantIds: readonly string[]): Promise<void> {
    const sorted = [...new Set(merchantIds)].sort();
    if (sorted.length === 0) return;
    // unnest yields the array's order, and the locks are taken row by row in it.
    await manager.query(`SELECT count(pg_advisory_xact_lock(hashtext('webhooks.events:' || "merchant"))) FROM unnest($1::text[]) AS "merchant"`, [sorted]);
  }

  /** Where the caller's event `id` stands in its merchant's stored order; null when it is not the caller's. */
  async positionOwned(caller: Caller, id: string): Promise<string | null> {
    const rows = (await this.dataSource.manager.query(
      `SELECT ${POSITION_SQL('created_at')} AS "stream_position" FROM "webhooks"."events" WHERE "id" = $1 AND "merchant_id" = $2 AND "livemode" = $3`,
      [id, caller.merchantId, caller.livemode],
    )) as Array<{ stream_position: string }>;
    return rows[0]?.stream_position ?? null;
  }

  /** Up to `limit` of the caller's events recorded after the event `afterId`, oldest first. */
  after(caller: Caller, afterId: string, limit: number): Promise<Array<{ entity: EventEntity; position: string }>> {
    return withPositions(
      this.ownedInStoredOrder(caller)
        .andWhere('(ev.created_at, ev.id) > (SELECT after_event.created_at, after_event.id FROM "webhooks"."events" after_event WHERE after_event.id = :afterId)', { afterId })
        .limit(limit),
    );
  }

  /** The caller's events among `ids`, in their stored order. */
  async positioned(caller: Caller, ids: readonly string[]): Promise<Array<{ entity: EventEntity; position: string }>> {
    if (ids.length === 0) return [];
    return withPositions(this.ownedInStoredOrder(caller).andWhere('ev.id = ANY(:ids)', { ids: [...ids] }));
  }

  /** The caller's events, oldest first, each with its place in the stored order (`stream_position`). */
  private ownedInStoredOrder(caller: Caller): SelectQueryBuilder<EventEntity> {
    return this.dataSource.manager
      .createQueryBuilder(EventEntity, 'ev')
      .addSelect(POSITION_SQL('ev.created_at'), 'stream_position')
      .where('ev.merchant_id = :merchantId AND ev.livemode = :livemode', { merchantId: caller.merchantId, livemode: caller.livemode })
      .orderBy('ev.created_at', 'ASC')
      .addOrderBy('ev.id', 'ASC');
  }

  findById(id: string): Promise<EventEntity | null> {
    return this.dataSource.manager.findOneBy(EventEntity, { id });
  }

  findByIds(ids: readonly string[]): Promise<EventEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.manager.findBy(EventEntity, { id: In([...ids]) });
  }

  findOwned(caller: Caller, id: string): Promise<EventEntity | null> {
    return this.dataSource.manager.findOneBy(EventEntity, { id, merchantId: caller.merchantId, livemode: caller.livemode });
  }

  list(caller: Caller, params: ListEventsParams): Promise<Page<EventEntity> & { cursorMissing?: string }> {
    const query = this.dataSource.manager
      .createQueryBuilder(EventEntity, 'ev')
      .where('ev.merchant_id = :merchantId AND ev.livemode = :livemode', { merchantId: caller.merchantId, livemode: caller.livemode });
    if (params.type !== undefined) query.andWhere('ev.type LIKE :type', { type: eventTypeLikePattern(params.type) });
    // An event's `created` is when its change happened (occurred_at), not when it was recorded here (created_at).
    applyCreatedRange(query, 'ev', params.created, 'occurred_at');
    return keysetPage(query, 'ev', params);
  }
}

/** `created_at` to the microsecond as text that sorts as it compares (a JS Date would drop the microseconds). */
const POSITION_SQL = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

async function withPositions(query: SelectQueryBuilder<EventEntity>): Promise<Array<{ entity: EventEntity; position: string }>> {
  const { entities, raw } = await query.getRawAndEntities<{ stream_position: string }>();
  return entities.map((entity, i) => ({ entity, position: raw[i].stream_position }));
}
