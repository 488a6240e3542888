import { Inject, Injectable } from '@nestjs/common';
import { keysetPage, type Page, type PageParams } from '@payrail/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { UserEntity, type UserRole } from './user.entity.js';

@Injectable()
export class UsersRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** `username` already lower-cased, as stored. */
  findByUsername(username: string): Promise<UserEntity | null> {
    return this.dataSource.manager.findOneBy(UserEntity, { username });
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<UserEntity | null> {
    return manager.findOneBy(UserEntity, { id });
  }

  /** One of the merchant's users; another merchant's is not found. */
  findForMerchant(merchantId: string, id: string): Promise<UserEntity | null> {
    return this.dataSource.manager.findOneBy(UserEntity, { id, merchantId });
  }

  /** The merchant's users, newest first. */
  list(merchantId: string, params: PageParams): Promise<Page<UserEntity> & { cursorMissing?: string }> {
    const query = this.dataSource.manager.createQueryBuilder(UserEntity, 'app_user').where('app_user.merchant_id = :merchantId', { merchantId });
    return keysetPage(query, 'app_user', params);
  }

  /**
   * Locks, until the transaction ends, the merchant's owners and the user `id` (if the merchant's), and
   * returns them: concurrent changes of the merchant's users then take turns, so that two owners demoted
   * at once cannot each count the other. Locked in id order, so that two such changes cannot deadlock.
   */
  async lockOwnersAnd(manager: EntityManager, merchantId: string, id: string): Promise<UserEntity[]> {
    return manager
      .createQueryBuilder(UserEntity, 'app_user')
      .setLock('pessimistic_write')
      .where('app_user.merchant_id = :merchantId', { merchantId })
      .andWhere(`(app_user.role = 'owner' OR app_user.id = :id)`, { id })
      .orderBy('app_user.id')
      .getMany();
  }

  async updateRole(manager: EntityManager, id: string, role: UserRole): Promise<void> {
    await manager.update(UserEntity, { id }, { role });
  }

  async updatePasswordHash(manager: EntityManager, id: string, passwordHash: string): Promise<void> {
    await manager.update(UserEntity, { id }, { passwordHash });
  }

  /** Their refresh tokens go with them (ON DELETE CASCADE). */
  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.delete(UserEntity, { id });
  }
}
