import { Inject, Injectable } from '@nestjs/common';
import type { RevokedAccessToken } from '@payrail/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { RevokedAccessTokenEntity } from './revoked-access-token.entity.js';

@Injectable()
export class RevokedAccessTokensRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Adds the tokens to the deny list; one already on it keeps its first revocation time. */
  async add(tokens: ReadonlyArray<{ jti: string; exp: Date }>, manager: EntityManager = this.dataSource.manager): Promise<void> {
    if (tokens.length === 0) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(RevokedAccessTokenEntity)
      .values(tokens.map(({ jti, exp }) => ({ jti, exp })))
      .orIgnore()
      .execute();
  }

  async isRevoked(jti: string): Promise<boolean> {
    return this.dataSource.manager.existsBy(RevokedAccessTokenEntity, { jti });
  }

  /**
   * Revoked tokens not yet expired, revoked at or after `since` (unix ms) when given, and the database's
   * clock read before them: a revocation committed later cannot be dated before `asOf` by more than its
   * transaction's length.
   */
  async listUnexpired(since: number | undefined): Promise<{ revoked: RevokedAccessToken[]; asOf: number }> {
    const [{ as_of: asOf }] = (await this.dataSource.query(
      `SELECT floor(extract(epoch FROM now()) * 1000)::bigint::text AS "as_of"`,
    )) as Array<{ as_of: string }>;
    const rows = (await this.dataSource.query(
      `SELECT "jti", floor(extract(epoch FROM "exp"))::bigint::text AS "exp"
       FROM "auth"."revoked_access_tokens"
       WHERE "exp" > now() AND ($1::bigint IS NULL OR "revoked_at" >= to_timestamp($1::bigint / 1000.0))
       ORDER BY "revoked_at", "jti"`,
      [since ?? null],
    )) as Array<{ jti: string; exp: string }>;
    return { revoked: rows.map((row) => ({ jti: row.jti, exp: Number(row.exp) })), asOf: Number(asOf) };
  }

  /** Deletes up to `limit` entries whose token has expired anyway. */
  async purgeExpired(limit: number): Promise<number> {
    const result = await this.dataSource.manager
      .createQueryBuilder()
      .delete()
      .from(RevokedAccessTokenEntity)
      .where(
        `jti IN (SELECT expired.jti FROM "auth"."revoked_access_tokens" expired WHERE expired.exp <= now() LIMIT :limit)`,
        { limit },
      )
      .execute();
    return result.affected ?? 0;
  }
}
