import { Inject, Injectable } from '@nestjs/common';
import type { Caller, ListRoutingRulesParams } from '@payrail/contracts';
import { keysetPage, type Page } from '@payrail/persistence';
import { DataSource } from 'typeorm';
import { RoutingRuleEntity } from './routing-rule.entity.js';

/** What an update may change: everything but the owner, mode and creation time. */
export type RoutingRuleChange = Partial<
  Pick<
    RoutingRuleEntity,
    'priority' | 'paymentMethodTypes' | 'currencies' | 'amountMin' | 'amountMax' | 'matchMetadata' | 'gatewayAccountId' | 'fallbackGatewayAccountIds' | 'metadata'
  >
>;

@Injectable()
export class RoutingRulesRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async insert(rule: RoutingRuleEntity): Promise<void> {
    await this.dataSource.manager.insert(RoutingRuleEntity, rule);
  }

  findOwned(caller: Caller, id: string): Promise<RoutingRuleEntity | null> {
    return this.dataSource.manager.findOneBy(RoutingRuleEntity, { id, merchantId: caller.merchantId, livemode: caller.livemode });
  }

  /** All of the caller's rules, for routing (a merchant has a handful). */
  findAll(caller: Caller): Promise<RoutingRuleEntity[]> {
    return this.dataSource.manager.find(RoutingRuleEntity, {
      where: { merchantId: caller.merchantId, livemode: caller.livemode },
      order: { priority: 'ASC', createdAt: 'ASC', id: 'ASC' },
    });
  }

  async highestPriority(caller: Caller): Promise<number | null> {
    const row = await this.dataSource.manager
      .createQueryBuilder(RoutingRuleEntity, 'rr')
      .select('MAX(rr.priority)', 'highest')
      .where('rr.merchant_id = :merchantId AND rr.livemode = :livemode', { merchantId: caller.merchantId, livemode: caller.livemode })
      .getRawOne<{ highest: number | null }>();
    return row?.highest ?? null;
  }

  async update(caller: Caller, id: string, change: RoutingRuleChange): Promise<RoutingRuleEntity | null> {
    const result = await this.dataSource.manager.update(RoutingRuleEntity, { id, merchantId: caller.merchantId, livemode: caller.livemode }, { ...change, updatedAt: new Date() });
    return (result.affected ?? 0) === 1 ? this.findOwned(caller, id) : null;
  }

  async delete(caller: Caller, id: string): Promise<boolean> {
    const result = await this.dataSource.manager.delete(RoutingRuleEntity, { id, merchantId: caller.merchantId, livemode: caller.livemode });
    return (result.affected ?? 0) === 1;
  }

  list(caller: Caller, params: ListRoutingRulesParams): Promise<Page<RoutingRuleEntity> & { cursorMissing?: string }> {
    const query = this.dataSource.manager
      .createQueryBuilder(RoutingRuleEntity, 'rr')
      .where('rr.merchant_id = :merchantId AND rr.livemode = :livemode', { merchantId: caller.merchantId, livemode: caller.livemode });
    return keysetPage(query, 'rr', params);
  }
}
