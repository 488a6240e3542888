import { Injectable } from '@nestjs/common';
import { keysetPage, type Page, type PageParams } from '@payrail/persistence';
import type { EntityManager } from 'typeorm';
import { SigningKeyEntity } from './signing-key.entity.js';

@Injectable()
export class SigningKeysRepository {
  async insert(manager: EntityManager, key: SigningKeyEntity): Promise<void> {
    await manager.insert(SigningKeyEntity, key);
  }

  /** The signing key with this id, unless revoked. */
  findActive(manager: EntityManager, id: string): Promise<SigningKeyEntity | null> {
    return manager
      .createQueryBuilder(SigningKeyEntity, 'signing_key')
      .where('signing_key.id = :id', { id })
      .andWhere('signing_key.revokedAt IS NULL')
      .getOne();
  }

  /** The merchant's newest key in a mode that is not revoked. */
  findNewestActive(manager: EntityManager, merchantId: string, livemode: boolean): Promise<SigningKeyEntity | null> {
    return manager
      .createQueryBuilder(SigningKeyEntity, 'signing_key')
      .where('signing_key.merchant_id = :merchantId AND signing_key.livemode = :livemode', { merchantId, livemode })
      .andWhere('signing_key.revokedAt IS NULL')
      .orderBy('signing_key.created_at', 'DESC')
      .addOrderBy('signing_key.id', 'DESC')
      .getOne();
  }

  /** One of the merchant's keys, whatever its mode or state; another merchant's is not found. */
  findForMerchant(manager: EntityManager, merchantId: string, id: string): Promise<SigningKeyEntity | null> {
    return manager.findOneBy(SigningKeyEntity, { id, merchantId });
  }

  /** Every key of the merchant, both modes, newest first. */
  list(manager: EntityManager, merchantId: string, params: PageParams): Promise<Page<SigningKeyEntity> & { cursorMissing?: string }> {
    const query = manager.createQueryBuilder(SigningKeyEntity, 'signing_key').where('signing_key.merchant_id = :merchantId', { merchantId });
    return keysetPage(query, 'signing_key', params);
  }

  /** False when the key was already revoked or is not this merchant's. */
  async revoke(manager: EntityManager, merchantId: string, id: string): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(SigningKeyEntity)
      .set({ revokedAt: () => 'now()' })
      .where('id = :id AND merchant_id = :merchantId', { id, merchantId })
      .andWhere('revoked_at IS NULL')
      .execute();
    return result.affected === 1;
  }
}
