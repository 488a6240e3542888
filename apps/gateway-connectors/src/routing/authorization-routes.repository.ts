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

  private async find(idempotencyKey: string): Promise<ConnectorRoute | null> {
    const row = await this.findRecorded(idempotencyKey);
    return row ? { gateway: row.gateway, gatewayAccountId: row.gatewayAccountId } : null;
  }

  /** The attempt's route with whose it is: a gateway callback naming the attempt is checked against it. */
  findRecorded(idempotencyKey: string): Promise<AuthorizationRouteEntity | null> {
    return this.dataSource.manager.findOneBy(AuthorizationRouteEntity, { idempotencyKey });
  }
}
