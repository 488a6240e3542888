import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestNonceEntity } from './request-nonce.entity.js';

@Injectable()
export class RequestNoncesRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * Records the nonce for the key, atomically across every edge replica; `false` when it is already on
   * record and unexpired (a replay). An expired row not purged yet is taken over.
   */
  async record(keyId: string, nonce: string, expiresAtSeconds: number): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `INSERT INTO "gateway"."request_nonces" AS existing ("key_id", "nonce", "created_at", "expires_at")
       VALUES ($1, $2, now(), to_timestamp($3::bigint))
       ON CONFLICT ON CONSTRAINT "request_nonces_pkey" DO UPDATE SET
         "created_at" = EXCLUDED."created_at",
         "expires_at" = EXCLUDED."expires_at"
       WHERE existing."expires_at" <= now()
       RETURNING "key_id"`,
      [keyId, nonce, expiresAtSeconds],
    )) as Array<{ key_id: string }>;
    return rows.length === 1;
  }

  /** Deletes up to `limit` expired nonces; returns how many. */
  async purgeExpired(limit: number): Promise<number> {
    const result = await this.dataSource.manager
      .createQueryBuilder()
      .delete()
      .from(RequestNonceEntity)
      .where('expires_at <= now()')
      .andWhere(
        `(key_id, nonce) IN (SELECT expired.key_id, expired.nonce FROM "gateway"."request_nonces" expired
          WHERE expired.expires_at <= now() LIMIT :limit)`,
        { limit },
      )
      .execute();
    return result.affected ?? 0;
  }
}
