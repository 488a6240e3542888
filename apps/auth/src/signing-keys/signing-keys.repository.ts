import { Injectable } from '@nestjs/common';
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
}
