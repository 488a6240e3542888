import { Inject, Injectable } from '@nestjs/common';
import type { Caller, ListGatewayAccountsParams } from '@payrail/contracts';
import { keysetPage, type Page } from '@payrail/persistence';
import { DataSource, IsNull } from 'typeorm';
import { GatewayAccountEntity } from './gateway-account.entity.js';

/** What an update may change; the credentials arrive sealed with their hints. */
export type GatewayAccountChange = Partial<
  Pick<GatewayAccountEntity, 'credentialsSealed' | 'credentialHints' | 'webhookSecretSealed' | 'webhookSecretHint' | 'enabled' | 'metadata'>
>;

@Injectable()
export class GatewayAccountsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async insert(account: GatewayAccountEntity): Promise<void> {
    await this.dataSource.manager.insert(GatewayAccountEntity, account);
  }

  /** One of the caller's live accounts (not deleted). */
  findOwned(caller: Caller, id: string): Promise<GatewayAccountEntity | null> {
    return this.dataSource.manager.findOneBy(GatewayAccountEntity, { id, merchantId: caller.merchantId, livemode: caller.livemode, deletedAt: IsNull() });
  }

  /** One of the caller's accounts, deleted ones included: payments it took are still captured and refunded through it. */
  findOwnedEvenDeleted(caller: Caller, id: string): Promise<GatewayAccountEntity | null> {
    return this.dataSource.manager.findOneBy(GatewayAccountEntity, { id, merchantId: caller.merchantId, livemode: caller.livemode });
  }

  /** The caller's enabled accounts, oldest first. */
  findEnabled(caller: Caller): Promise<GatewayAccountEntity[]> {
    return this.dataSource.manager.find(GatewayAccountEntity, {
      where: { merchantId: caller.merchantId, livemode: caller.livemode, enabled: true, deletedAt: IsNull() },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** Every account of the caller in its mode, disabled ones included, oldest first. */
  findAllOwned(caller: Caller): Promise<GatewayAccountEntity[]> {
    return this.dataSource.manager.find(GatewayAccountEntity, {
      where: { merchantId: caller.merchantId, livemode: caller.livemode, deletedAt: IsNull() },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** Applies a change to one of the caller's accounts; the updated account, or null when it has none such. */
  async update(caller: Caller, id: string, change: GatewayAccountChange): Promise<GatewayAccountEntity | null> {
    const result = await this.dataSource.manager.update(
      GatewayAccountEntity,
      { id, merchantId: caller.merchantId, livemode: caller.livemode, deletedAt: IsNull() },
      { ...change, updatedAt: new Date() },
    );
    return (result.affected ?? 0) === 1 ? this.findOwned(caller, id) : null;
  }

  async markDeleted(caller: Caller, id: string): Promise<boolean> {
    const now = new Date();
    const result = await this.dataSource.manager.update(
      GatewayAccountEntity,
      { id, merchantId: caller.merchantId, livemode: caller.livemode, deletedAt: IsNull() },
      { deletedAt: now, updatedAt: now, enabled: false },
    );
    return (result.affected ?? 0) === 1;
  }

  list(caller: Caller, params: ListGatewayAccountsParams): Promise<Page<GatewayAccountEntity> & { cursorMissing?: string }> {
    const query = this.dataSource.manager
      .createQueryBuilder(GatewayAccountEntity, 'ga')
      .where('ga.merchant_id = :merchantId AND ga.livemode = :livemode AND ga.deleted_at IS NULL', { merchantId: caller.merchantId, livemode: caller.livemode });
    if (params.gateway !== undefined) query.andWhere('ga.gateway = :gateway', { gateway: params.gateway });
    return keysetPage(query, 'ga', params);
  }
}
