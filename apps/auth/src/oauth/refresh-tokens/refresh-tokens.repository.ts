import { Inject, Injectable } from '@nestjs/common';
import { DataSource, MoreThan, type EntityManager } from 'typeorm';
import { RefreshTokenEntity } from './refresh-token.entity.js';

/** An access token issued in a session, as a revoked session deny-lists it. */
export interface SessionAccessToken {
  jti: string;
  exp: Date;
}

@Injectable()
export class RefreshTokensRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, token: RefreshTokenEntity): Promise<void> {
    await manager.insert(RefreshTokenEntity, token);
  }

  findByHash(tokenHash: string): Promise<RefreshTokenEntity | null> {
    return this.dataSource.manager.findOneBy(RefreshTokenEntity, { tokenHash });
  }

  /** The token's row, locked until the transaction ends: concurrent refreshes of one token take turns. */
  findByHashForUpdate(manager: EntityManager, tokenHash: string): Promise<RefreshTokenEntity | null> {
    return manager
      .createQueryBuilder(RefreshTokenEntity, 'token')
      .setLock('pessimistic_write')
      .where('token.token_hash = :tokenHash', { tokenHash })
      .getOne();
  }

  async markUsed(manager: EntityManager, id: string, usedAt: Date): Promise<void> {
    await manager.update(RefreshTokenEntity, { id }, { usedAt });
  }

  /**
   * Revokes every token of the session (those already revoked keep their time) and returns the access
   * tokens issued in it that are unexpired at `revokedAt`.
   */
  async revokeFamily(manager: EntityManager, familyId: string, revokedAt: Date): Promise<SessionAccessToken[]> {
    await manager
      .createQueryBuilder()
      .update(RefreshTokenEntity)
      .set({ revokedAt })
      .where('family_id = :familyId AND revoked_at IS NULL', { familyId })
      .execute();
    return this.unexpiredAccessTokens(manager, { familyId }, revokedAt);
  }

  /** Revokes every token of every session of the user not revoked yet; returns how many. */
  async revokeUserSessions(manager: EntityManager, userId: string, revokedAt: Date): Promise<number> {
    const result = await manager
      .createQueryBuilder()
      .update(RefreshTokenEntity)
      .set({ revokedAt })
      .where('user_id = :userId AND revoked_at IS NULL', { userId })
      .execute();
    return result.affected ?? 0;
  }

  /** The access tokens issued in the user's sessions that are unexpired at `now`. */
  unexpiredAccessTokensOfUser(manager: EntityManager, userId: string, now: Date): Promise<SessionAccessToken[]> {
    return this.unexpiredAccessTokens(manager, { userId }, now);
  }

  private async unexpiredAccessTokens(
    manager: EntityManager,
    of: { familyId: string } | { userId: string },
    now: Date,
  ): Promise<SessionAccessToken[]> {
    const rows = await manager.find(RefreshTokenEntity, {
      select: { accessTokenJti: true, accessTokenExpiresAt: true },
      where: { ...of, accessTokenExpiresAt: MoreThan(now) },
    });
    return rows.map((row) => ({ jti: row.accessTokenJti, exp: row.accessTokenExpiresAt }));
  }

  /** Deletes up to `limit` tokens of sessions past their absolute end: no token of theirs can be used. */
  async purgeEndedSessions(limit: number): Promise<number> {
    const result = await this.dataSource.manager
      .createQueryBuilder()
      .delete()
      .from(RefreshTokenEntity)
      .where(
        `id IN (SELECT ended.id FROM "auth"."refresh_tokens" ended WHERE ended.family_expires_at <= now() LIMIT :limit)`,
        { limit },
      )
      .execute();
    return result.affected ?? 0;
  }
}
