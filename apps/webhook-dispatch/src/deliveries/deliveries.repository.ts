import { Inject, Injectable } from '@nestjs/common';
import type { Caller, ListParams } from '@payrail/contracts';
import { newId } from '@payrail/domain';
import { keysetPage, type Page } from '@payrail/persistence';
import { DataSource, In, type EntityManager } from 'typeorm';
import { DeliveryAttemptEntity } from './delivery-attempt.entity.js';
import { DeliveryEntity, type DeliveryStatus } from './delivery.entity.js';

/** A due delivery this dispatcher holds a lease on; `claimToken` proves the lease when settling. */
export interface ClaimedDelivery {
  id: string;
  eventId: string;
  endpointId: string;
  livemode: boolean;
  /** Attempts made before this one. */
  attempts: number;
  claimToken: string;
}

/** What an attempt (or the endpoint going away) does to a pending delivery; nothing else changes one. */
export type DeliveryChange =
  | { kind: 'succeeded'; statusCode: number }
  | { kind: 'retry'; statusCode: number | null; delayMs: number }
  | { kind: 'failed'; statusCode: number | null }
  | { kind: 'canceled' };

export type AttemptRecord = Pick<DeliveryAttemptEntity, 'deliveryId' | 'attempt' | 'succeeded' | 'statusCode' | 'durationMs' | 'error' | 'responseBody'>;

@Injectable()
export class DeliveriesRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** One pending delivery of `eventId` per endpoint, due now. */
  async insertPending(manager: EntityManager, eventId: string, owner: { merchantId: string; livemode: boolean }, endpointIds: readonly string[]): Promise<void> {
    await this.insertPendingMany(manager, [{ eventId, owner, endpointIds }]);
  }

  /** `insertPending` for several events, in one statement. */
  async insertPendingMany(manager: EntityManager, owed: ReadonlyArray<{ eventId: string; owner: { merchantId: string; livemode: boolean }; endpointIds: readonly string[] }>): Promise<void> {
    if (owed.every(({ endpointIds }) => endpointIds.length === 0)) return;
    const now = new Date();
    await manager.insert(
      DeliveryEntity,
      owed.flatMap(({ eventId, owner, endpointIds }) => endpointIds.map((endpointId) => ({
        id: newId('wd'),
        eventId,
        endpointId,
        merchantId: owner.merchantId,
        livemode: owner.livemode,
        status: 'pending' as const,
        attempts: 0,
        nextAttemptAt: now,
        claimedUntil: null,
        claimToken: null,
        resendRequested: false,
        lastStatusCode: null,
        createdAt: now,
        updatedAt: now,
        settledAt: null,
      }))),
    );
  }

  /**
   * Makes `eventId` due now for each endpoint: a settled delivery becomes pending again (keeping its
   * attempts), a pending one is brought forward, a missing one is made. A pending one with an attempt in
   * flight is marked so that the attempt's outcome leaves it pending and due at once: the receiver may
   * have seen that attempt before the merchant asked again. Returns how many were not pending before,
   * i.e. how many more the event now waits for.
   */
  async reopen(manager: EntityManager, eventId: string, owner: { merchantId: string; livemode: boolean }, endpointIds: readonly string[]): Promise<number> {
    if (endpointIds.length === 0) return 0;
    const [settled] = (await manager.query(
      `UPDATE "webhooks"."webhook_deliveries"
          SET "status" = 'pending', "next_attempt_at" = now(), "settled_at" = NULL, "updated_at" = now()
        WHERE "event_id" = $1 AND "endpoint_id" = ANY($2::text[]) AND "status" <> 'pending'
        RETURNING "endpoint_id"`,
      [eventId, endpointIds],
    )) as [Array<{ endpoint_id: string }>, number];
    await manager.query(
      `UPDATE "webhooks"."webhook_deliveries"
          SET "next_attempt_at" = LEAST("next_attempt_at", now()), "resend_requested" = "claim_token" IS NOT NULL, "updated_at" = now()
        WHERE "event_id" = $1 AND "endpoint_id" = ANY($2::text[]) AND "status" = 'pending'`,
      [eventId, endpointIds],
    );
    const existing = (await manager.query(
      `SELECT "endpoint_id" FROM "webhooks"."webhook_deliveries" WHERE "event_id" = $1 AND "endpoint_id" = ANY($2::text[])`,
      [eventId, endpointIds],
    )) as Array<{ endpoint_id: string }>;
    const known = new Set(existing.map((row) => row.endpoint_id));
    const missing = endpointIds.filter((id) => !known.has(id));
    await this.insertPending(manager, eventId, owner, missing);
    return settled.length + missing.length;
  }

  /**
   * Leases up to `limit` due deliveries for `leaseSeconds`, at most `perEndpoint` per endpoint counting
   * the `inFlight` ones this dispatcher already holds, so that one endpoint's backlog cannot take every
   * slot. Rows locked by another replica's claim are skipped, and a leased row is not due again until
   * its lease runs out, so two replicas never hold the same delivery; no transaction stays open while
   * the HTTP request is in flight.
   */
  async claimDue(
    limit: number,
    leaseSeconds: number,
    claimToken: string,
    perEndpoint: number = Number.MAX_SAFE_INTEGER,
    inFlight: Readonly<Record<string, number>> = {},
  ): Promise<ClaimedDelivery[]> {
    const [rows] = (await this.dataSource.query(
      `UPDATE "webhooks"."webhook_deliveries"
          SET "claimed_until" = now() + make_interval(secs => $2), "claim_token" = $3
        WHERE "id" IN (
          SELECT "id" FROM "webhooks"."webhook_deliveries"
           WHERE "id" IN (
                   SELECT "ranked"."id" FROM (
                     SELECT "id", "endpoint_id", row_number() OVER (PARTITION BY "endpoint_id" ORDER BY "next_attempt_at", "id") AS "rank"
                       FROM "webhooks"."webhook_deliveries"
                      WHERE "status" = 'pending' AND "next_attempt_at" <= now() AND ("claimed_until" IS NULL OR "claimed_until" < now())
                   ) AS "ranked"
                    WHERE "ranked"."rank" <= $4 - COALESCE(($5::jsonb ->> "ranked"."endpoint_id")::int, 0))
             AND "status" = 'pending' AND ("claimed_until" IS NULL OR "claimed_until" < now())
           ORDER BY "next_attempt_at" LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING "id", "event_id", "endpoint_id", "livemode", "attempts"`,
      [limit, leaseSeconds, claimToken, Math.min(perEndpoint, 1_000_000), JSON.stringify(inFlight)],
    )) as [Array<{ id: string; event_id: string; endpoint_id: string; livemode: boolean; attempts: number }>, number];
    return rows.map((row) => ({
      id: row.id,
      eventId: row.event_id,
      endpointId: row.endpoint_id,
      livemode: row.livemode,
      attempts: row.attempts,
      claimToken,
    }));
  }

  /**
   * Applies each change to a delivery this dispatcher still holds, in one statement per kind, and returns
   * the status after of each one applied; one it no longer holds (its lease ran out and another replica
   * took it, or it was settled meanwhile) is left out. An attempt's outcome on a delivery resent while the
   * attempt was in flight leaves it pending, due now.
   */
  async applyAll(manager: EntityManager, changes: ReadonlyArray<{ delivery: ClaimedDelivery; change: DeliveryChange }>): Promise<Map<string, DeliveryStatus>> {
    const statuses = new Map<string, DeliveryStatus>();
    const canceled = changes.filter(({ change }) => change.kind === 'canceled');
    if (canceled.length > 0) {
      const [rows] = (await manager.query(
        `UPDATE "webhooks"."webhook_deliveries" AS d
            SET "status" = 'canceled', "claimed_until" = NULL, "claim_token" = NULL, "resend_requested" = false, "settled_at" = now(), "updated_at" = now()
           FROM unnest($1::text[], $2::text[]) AS o("id", "claim_token")
          WHERE d."id" = o."id" AND d."claim_token" = o."claim_token" AND d."status" = 'pending'
          RETURNING d."id", d."status"`,
        [canceled.map(({ delivery }) => delivery.id), canceled.map(({ delivery }) => delivery.claimToken)],
      )) as [Array<{ id: string; status: DeliveryStatus }>, number];
      for (const row of rows) statuses.set(row.id, row.status);
    }
    const attempted = changes.flatMap(({ delivery, change }) => (change.kind === 'canceled' ? [] : [{ delivery, change }]));
    if (attempted.length > 0) {
      const [rows] = (await manager.query(
        `UPDATE "webhooks"."webhook_deliveries" AS d
            SET "attempts" = o."attempts", "last_status_code" = o."status_code", "claimed_until" = NULL, "claim_token" = NULL, "updated_at" = now(),
                "status" = CASE WHEN d."resend_requested" THEN 'pending' ELSE o."status" END,
                "next_attempt_at" = CASE WHEN d."resend_requested" THEN now()
                                         WHEN o."delay_seconds" IS NULL THEN d."next_attempt_at"
                                         ELSE now() + make_interval(secs => o."delay_seconds") END,
                "settled_at" = CASE WHEN d."resend_requested" OR o."status" = 'pending' THEN NULL ELSE now() END,
                "resend_requested" = false
           FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::text[], $6::float8[]) AS o("id", "claim_token", "attempts", "status_code", "status", "delay_seconds")
          WHERE d."id" = o."id" AND d."claim_token" = o."claim_token" AND d."status" = 'pending'
          RETURNING d."id", d."status"`,
        [
          attempted.map(({ delivery }) => delivery.id),
          attempted.map(({ delivery }) => delivery.claimToken),
          attempted.map(({ delivery }) => delivery.attempts + 1),
          attempted.map(({ change }) => change.statusCode),
          attempted.map(({ change }) => attemptedStatus(change)),
          attempted.map(({ change }) => (change.kind === 'retry' ? change.delayMs / 1000 : null)),
        ],
      )) as [Array<{ id: string; status: DeliveryStatus }>, number];
      for (const row of rows) statuses.set(row.id, row.status);
    }
    return statuses;
  }

  /**
   * Gives a lease back without an outcome, so that the delivery is due again at once (the process is
   * stopping); a resend asked for meanwhile is served by that next attempt.
   */
  async release(delivery: ClaimedDelivery): Promise<void> {
    await this.dataSource.query(
      `UPDATE "webhooks"."webhook_deliveries"
          SET "claimed_until" = NULL, "claim_token" = NULL, "resend_requested" = false,
              "next_attempt_at" = CASE WHEN "resend_requested" THEN now() ELSE "next_attempt_at" END
        WHERE "id" = $1 AND "claim_token" = $2 AND "status" = 'pending'`,
      [delivery.id, delivery.claimToken],
    );
  }

  /** Deliveries still owed an attempt, every merchant's: the dispatch backlog operators watch. */
  async countPending(): Promise<number> {
    const [row] = (await this.dataSource.query(`SELECT count(*)::int AS "pending" FROM "webhooks"."webhook_deliveries" WHERE "status" = 'pending'`)) as Array<{ pending: number }>;
    return Number(row.pending);
  }

  /** The caller's deliveries of one endpoint or one event, newest first, Stripe-paginated. */
  list(caller: Caller, of: { endpointId: string } | { eventId: string }, params: ListParams): Promise<Page<DeliveryEntity> & { cursorMissing?: string }> {
    const query = this.dataSource.manager
      .createQueryBuilder(DeliveryEntity, 'wd')
      .where('wd.merchant_id = :merchantId AND wd.livemode = :livemode', { merchantId: caller.merchantId, livemode: caller.livemode });
    if ('endpointId' in of) query.andWhere('wd.endpoint_id = :endpointId', { endpointId: of.endpointId });
    else query.andWhere('wd.event_id = :eventId', { eventId: of.eventId });
    return keysetPage(query, 'wd', params);
  }

  attemptsOf(deliveryIds: readonly string[]): Promise<DeliveryAttemptEntity[]> {
    if (deliveryIds.length === 0) return Promise.resolve([]);
    return this.dataSource.manager.find(DeliveryAttemptEntity, { where: { deliveryId: In([...deliveryIds]) }, order: { attempt: 'ASC' } });
  }

  async recordAttempts(manager: EntityManager, attempts: readonly AttemptRecord[]): Promise<void> {
    if (attempts.length === 0) return;
    const createdAt = new Date();
    await manager.insert(
      DeliveryAttemptEntity,
      attempts.map((attempt) => ({ ...attempt, id: newId('wda'), createdAt })),
    );
  }

  /** Cancels what is still owed to an endpoint; returns the event id of each canceled delivery. */
  async cancelPendingFor(manager: EntityManager, endpointId: string): Promise<string[]> {
    const [rows] = (await manager.query(
      `UPDATE "webhooks"."webhook_deliveries"
          SET "status" = 'canceled', "claimed_until" = NULL, "claim_token" = NULL, "settled_at" = now(), "updated_at" = now()
        WHERE "endpoint_id" = $1 AND "status" = 'pending'
        RETURNING "event_id"`,
      [endpointId],
    )) as [Array<{ event_id: string }>, number];
    return rows.map((row) => row.event_id);
  }
}

/** Where an attempt leaves a delivery when no resend came meanwhile. */
function attemptedStatus(change: Exclude<DeliveryChange, { kind: 'canceled' }>): DeliveryStatus {
  switch (change.kind) {
    case 'succeeded':
      return 'succeeded';
    case 'retry':
      return 'pending';
    case 'failed':
      return 'failed';
    default:
      return assertNever(change);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unhandled delivery change ${JSON.stringify(value)}`);
}
