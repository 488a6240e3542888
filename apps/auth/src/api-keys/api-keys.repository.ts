import { Inject, Injectable } from '@nestjs/common';
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
}
