import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MerchantEntity } from './merchant.entity.js';
import type { UserEntity } from './user.entity.js';

@Injectable()
export class MerchantsRepository {
  async insertMerchant(manager: EntityManager, merchant: MerchantEntity): Promise<void> {
    await manager.insert(MerchantEntity, merchant);
  }

  /** Returns false, inserting nothing and leaving the transaction usable, when the username is taken. */
  async insertUser(manager: EntityManager, user: UserEntity): Promise<boolean> {
    const inserted = (await manager.query(
      `INSERT INTO "auth"."users" ("id", "merchant_id", "username", "password_hash", "role", "created_at")
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT ON CONSTRAINT "users_username_key" DO NOTHING RETURNING "id"`,
      [user.id, user.merchantId, user.username, user.passwordHash, user.role, user.createdAt],
    )) as unknown[];
    return inserted.length === 1;
  }
}
