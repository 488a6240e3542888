import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IdempotencyKeyEntity } from './idempotency-key.entity.js';

/** One key: they are per merchant and mode, as every object is. */
export interface IdempotencyScope {
  merchantId: string;
  livemode: boolean;
  key: string;
}

export interface ClaimRequest {
  requestHash: string;
  requestId: string;
  leaseSeconds: number;
  ttlSeconds: number;
}

/** What is on record for a key that this request could not claim. */
export type ExistingKey =
  | { state: 'answered'; requestHash: string; requestId: string; status: number; sealedBody: string }
  | { state: 'running'; requestHash: string; requestId: string };

@Injectable()
export class IdempotencyKeysRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * Claims the key for this request, atomically: a new key, an expired one, or one whose holder's lease
   * ran out (it crashed) with the same parameters. `false` when someone else holds or answered it.
   * Times come from the database's clock, which every edge replica shares.
   */
  async claim(scope: IdempotencyScope, request: ClaimRequest): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `INSERT INTO "gateway"."idempotency_keys" AS existing
         ("merchant_id", "livemode", "key", "request_hash", "request_id", "locked_until", "created_at", "expires_at")
       VALUES ($1, $2, $3, $4, $5, now() + $6::integer * interval '1 second', now(), now() + $7::integer * interval '1 second')
       ON CONFLICT ON CONSTRAINT "idempotency_keys_pkey" DO UPDATE SET
         "request_hash" = EXCLUDED."request_hash",
         "request_id" = EXCLUDED."request_id",
         "locked_until" = EXCLUDED."locked_until",
         "response_status" = NULL,
         "response_body" = NULL,
         "created_at" = EXCLUDED."created_at",
         "expires_at" = EXCLUDED."expires_at"
       WHERE existing."expires_at" <= now()
          OR (existing."response_status" IS NULL AND existing."locked_until" <= now() AND existing."request_hash" = EXCLUDED."request_hash")
       RETURNING "request_id"`,
      [scope.merchantId, scope.livemode, scope.key, request.requestHash, request.requestId, request.leaseSeconds, request.ttlSeconds],
    )) as Array<{ request_id: string }>;
    return rows.length === 1 && rows[0].request_id === request.requestId;
  }

  /** The unexpired record of a key, if any. */
  async find(scope: IdempotencyScope): Promise<ExistingKey | undefined> {
    const row = await this.dataSource.manager
      .createQueryBuilder(IdempotencyKeyEntity, 'ik')
      .where('ik.merchant_id = :merchantId AND ik.livemode = :livemode AND ik.key = :key', { ...scope })
      .andWhere('ik.expires_at > now()')
      .getOne();
    if (!row) return undefined;
    if (row.responseStatus !== null && row.responseBody !== null) {
      return { state: 'answered', requestHash: row.requestHash, requestId: row.requestId, status: row.responseStatus, sealedBody: row.responseBody };
    }
    return { state: 'running', requestHash: row.requestHash, requestId: row.requestId };
  }

  /** Records the answer of the request holding the claim; `false` if it no longer holds it. */
  async storeAnswer(scope: IdempotencyScope, requestId: string, answer: { status: number; sealedBody: string }): Promise<boolean> {
    const result = await this.dataSource.manager
      .createQueryBuilder()
      .update(IdempotencyKeyEntity)
      .set({ responseStatus: answer.status, responseBody: answer.sealedBody, lockedUntil: null })
      .where('merchant_id = :merchantId AND livemode = :livemode AND key = :key', { ...scope })
      .andWhere('request_id = :requestId AND response_status IS NULL', { requestId })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /** Gives the key back, unanswered, so that the client may retry; only the holder can. */
  async release(scope: IdempotencyScope, requestId: string): Promise<void> {
    await this.dataSource.manager
      .createQueryBuilder()
      .delete()
      .from(IdempotencyKeyEntity)
      .where('merchant_id = :merchantId AND livemode = :livemode AND key = :key', { ...scope })
      .andWhere('request_id = :requestId AND response_status IS NULL', { requestId })
      .execute();
  }

  /**
   * Deletes up to `limit` expired keys; returns how many. The outer `expires_at` test is checked again
   * on a row that a concurrent claim has just renewed, so a key reused at the moment it expired survives.
   */
  async purgeExpired(limit: number): Promise<number> {
    const result = await this.dataSource.manager
      .createQueryBuilder()
      .delete()
      .from(IdempotencyKeyEntity)
      .where('expires_at <= now()')
      .andWhere(
        `(merchant_id, livemode, key) IN (SELECT expired.merchant_id, expired.livemode, expired.key FROM "gateway"."idempotency_keys" expired
          WHERE expired.expires_at <= now() LIMIT :limit)`,
        { limit },
      )
      .execute();
    return result.affected ?? 0;
  }
}
