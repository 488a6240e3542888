import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '@payrail/contracts';
import { DataSource } from 'typeorm';
import { AuthorizationRouteEntity } from './authorization-route.entity.js';
import type { ConnectorRoute } from './connector-registry.js';

@Injectable()
export class AuthorizationRoutesRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * The route recorded for an attempt, or `route` recorded now if there is none: whoever records first
   * decides, and every later caller (a retry, a concurrent duplicate, a sync) gets that same route.
   */
  async claim(idempotencyKey: string, caller: Caller, route: () => Promise<ConnectorRoute>): Promise<ConnectorRoute> {
    const recorded = await this.find(idempotencyKey);
    if (recorded) return recorded;
    const chosen = await route();
    await this.dataSource.manager
      .createQueryBuilder()
      .insert()
      .into(AuthorizationRouteEntity)
      .values({ idempotencyKey, merchantId: caller.merchantId, livemode: caller.livemode, ...chosen, createdAt: new Date() })
      .orIgnore()
      .execute();
    return (await this.find(idempotencyKey))!;
  }

  /** Records `route` for a new attempt; false when one was recorded already (a retry or a concurrent duplicate got there first). */
  async recordFirst(idempotencyKey: string, caller: Caller, route: ConnectorRoute): Promise<boolean> {
    const inserted = (await this.dataSource.query(
      `INSERT INTO "connectors"."authorization_routes" ("idempotency_key", "merchant_id", "livemode", "gateway", "gateway_account_id", "created_at")
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT ("idempotency_key") DO NOTHING RETURNING "idempotency_key"`,
      [idempotencyKey, caller.merchantId, caller.livemode, route.gateway, route.gatewayAccountId, new Date()],
    )) as unknown[];
    return inserted.length === 1;
  }

  /**
   * Moves an attempt's route from the account that did not take it to the next one, before that one is
   * called; guarded by the account it moves from, so that it never moves a route someone else moved.
   */
  async move(idempotencyKey: string, from: ConnectorRoute, to: ConnectorRoute): Promise<boolean> {
    const moved = (await this.dataSource.query(
      `UPDATE "connectors"."authorization_routes" SET "gateway" = $4, "gateway_account_id" = $5
       WHERE "idempotency_key" = $1 AND "gateway" = $2 AND "gateway_account_id" IS NOT DISTINCT FROM $3::text
       RETURNING "idempotency_key"`,
      [idempotencyKey, from.gateway, from.gatewayAccountId, to.gateway, to.gatewayAccountId],
    )) as [unknown[], number];
    return (Array.isArray(moved[0]) ? moved[0] : moved).length === 1;
  }

  async find(idempotencyKey: string): Promise<ConnectorRoute | null> {
    const row = await this.findRecorded(idempotencyKey);
    return row ? { gateway: row.gateway, gatewayAccountId: row.gatewayAccountId } : null;
  }

  /** The attempt's route with whose it is: a gateway callback naming the attempt is checked against it. */
  findRecorded(idempotencyKey: string): Promise<AuthorizationRouteEntity | null> {
    return this.dataSource.manager.findOneBy(AuthorizationRouteEntity, { idempotencyKey });
  }
}
