import { Inject, Injectable } from '@nestjs/common';
import { keysetPage, type Page, type PageParams } from '@payrail/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { ApiKeyEntity } from './api-key.entity.js';

@Injectable()
export class ApiKeysRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, key: ApiKeyEntity): Promise<void> {
    await manager.insert(ApiKeyEntity, key);
  }

  /**
   * The key whose keyed hash this is, unless revoked or past its expiry. An index lookup of an HMAC:
   * nothing about a near-miss key leaks through timing. Expiry is judged by the database clock.
   */
  findActiveByHash(keyHash: string, manager: EntityManager = this.dataSource.manager): Promise<ApiKeyEntity | null> {
    return manager
      .createQueryBuilder(ApiKeyEntity, 'api_key')
      .where('api_key.keyHash = :keyHash', { keyHash })
      .andWhere('api_key.revokedAt IS NULL')
      .andWhere('(api_key.expiresAt IS NULL OR api_key.expiresAt > now())')
      .getOne();
  }

  /** One of the merchant's keys, whatever its mode or state; another merchant's is not found. */
  findForMerchant(merchantId: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<ApiKeyEntity | null> {
    return manager.findOneBy(ApiKeyEntity, { id, merchantId });
  }

  /** Every key of the merchant, both modes, newest first. */
  list(merchantId: string, params: PageParams): Promise<Page<ApiKeyEntity> & { cursorMissing?: string }> {
    const query = this.dataSource.manager
      .createQueryBuilder(ApiKeyEntity, 'api_key')
      .where('api_key.merchant_id = :merchantId', { merchantId });
    return keysetPage(query, 'api_key', params);
  }

  /**
   * Sets the expiry of a key that has none and is not revoked, `seconds` after the database's now;
   * false when the key is not in that state (already rolled, revoked, or not this merchant's).
   */
  async expireActive(manager: EntityManager, merchantId: string, id: string, seconds: number): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(ApiKeyEntity)
      .set({ expiresAt: () => `now() + make_interval(secs => :seconds)` })
      .setParameter('seconds', seconds)
      .where('id = :id AND merchant_id = :merchantId', { id, merchantId })
      .andWhere('revoked_at IS NULL AND expires_at IS NULL')
      .execute();
    return result.affected === 1;
  }

  /** False when the key was already revoked or is not this merchant's. */
  async revoke(manager: EntityManager, merchantId: string, id: string): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(ApiKeyEntity)
      .set({ revokedAt: () => 'now()' })
      .where('id = :id AND merchant_id = :merchantId', { id, merchantId })
      .andWhere('revoked_at IS NULL')
      .execute();
    return result.affected === 1;
  }
}
