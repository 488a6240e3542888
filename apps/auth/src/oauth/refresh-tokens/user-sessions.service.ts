import { MerchantStanding, SUSPENDED_MESSAGE } from '../../merchants/merchant-standing.js';
import { Inject, Injectable } from '@nestjs/common';
import { DASHBOARD_CLIENT_ID, type OAuthTokenRefused, type OAuthTokenResult, type UserLoginResult } from '@payrail/contracts';
import { newId } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { AuthConfig } from '../../config/auth.config.js';
import type { UserEntity } from '../../merchants/user.entity.js';
import { scopesForRole } from '../../merchants/user-role-scopes.js';
import { UsersRepository } from '../../merchants/users.repository.js';
import { signAccessToken } from '../access-token.js';
import { JwtSigningKeysService, type ActiveSigningKey } from '../jwt-signing-keys.service.js';
import { OAuthConfig, REFRESH_TOKEN_IDLE_SECONDS, SESSION_MAX_SECONDS } from '../oauth.config.js';
import { decideScopes } from '../requested-scopes.js';
import { RevokedAccessTokensRepository } from '../revocation/revoked-access-tokens.repository.js';
import { isRefreshTokenShaped, newRefreshToken, refreshTokenHash } from './refresh-token-format.js';
import { RefreshTokenEntity } from './refresh-token.entity.js';
import { RefreshTokensRepository } from './refresh-tokens.repository.js';

const INVALID_GRANT: OAuthTokenRefused = { ok: false, error: 'invalid_grant', errorDescription: 'The refresh token is invalid, expired or revoked.' };
const SUSPENDED: OAuthTokenRefused = { ok: false, error: 'unauthorized_client', errorDescription: SUSPENDED_MESSAGE };
const REUSED: OAuthTokenRefused = {
  ok: false,
  error: 'invalid_grant',
  errorDescription: 'The refresh token was already used, so it may have been copied: the session has been revoked. Log in again.',
};

/** Each refresh in flight costs a pass, and a client needs a round trip per refresh: a few passes are the most ever needed. */
const MAX_REVOCATION_PASSES = 20;

/** What a session's next tokens are issued from: its login, or the refresh token being rotated. */
interface SessionGrant {
  familyId: string;
  familyExpiresAt: Date;
  clientId: string;
  userId: string;
  merchantId: string;
  livemode: boolean;
  /** The session's scope, carried to each refresh token unchanged (RFC 6749 §6). */
  scopes: string[];
  /** What this access token gets: the session's scope, or less. */
  accessScopes: string[];
  issuer: string;
}

/**
 * Users' sessions: a login starts one; each refresh uses up its refresh token and issues the next, in the
 * same family; a used token presented again revokes the family and deny-lists its access tokens.
 */
@Injectable()
export class UserSessionsService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly revokedAccessTokens: RevokedAccessTokensRepository,
    private readonly users: UsersRepository,
    private readonly signingKeys: JwtSigningKeysService,
    private readonly oauth: OAuthConfig,
    private readonly config: AuthConfig,
    private readonly standing: MerchantStanding,
  ) {}

  /** A new session for a user who has just proved who they are, through the dashboard client. */
  async start(user: UserEntity, options: { livemode: boolean; issuer: string }): Promise<UserLoginResult> {
    const key = await this.signingKeys.signingKey();
    const now = new Date();
    const scopes = scopesForRole(user.role);
    const grant: SessionGrant = {
      familyId: newId('ses'),
      familyExpiresAt: new Date(now.getTime() + SESSION_MAX_SECONDS * 1000),
      clientId: DASHBOARD_CLIENT_ID,
      userId: user.id,
      merchantId: user.merchantId,
      livemode: options.livemode,
      scopes,
      accessScopes: scopes,
      issuer: options.issuer,
    };
    try {
      return await this.issue(this.dataSource.manager, grant, key, now);
    } catch (error) {
      // Removed between the password check and now: as if they had never been there.
      if (isUserGone(error)) throw new PayrailError('login_failed', 'Invalid username or password.');
      throw error;
    }
  }

  /** The refresh_token grant (RFC 6749 §6) for a client already authenticated. */
  async refresh(request: { clientId: string; refreshToken: string; scope?: string; issuer: string }): Promise<OAuthTokenResult> {
    if (!isRefreshTokenShaped(request.refreshToken)) return INVALID_GRANT;
    const tokenHash = refreshTokenHash(this.config.PAYRAIL_API_KEY_PEPPER, request.refreshToken);
    // Before the transaction: loading the key may need the database, and the embedded one runs one transaction at a time.
    const key = await this.signingKeys.signingKey();
    const now = new Date();
    const refreshing = this.dataSource.transaction(async (manager): Promise<OAuthTokenResult> => {
      const presented = await this.refreshTokens.findByHashForUpdate(manager, tokenHash);
      if (!presented || presented.clientId !== request.clientId || presented.revokedAt) return INVALID_GRANT;
      if (presented.usedAt) {
        // Committed with the refusal: the family stays revoked whatever the client does next.
        await this.revokeFamily(manager, presented.familyId, now);
        return REUSED;
      }
      if (presented.expiresAt <= now || presented.familyExpiresAt <= now) return INVALID_GRANT;
      const user = await this.users.findById(presented.userId, manager);
      if (!user || user.merchantId !== presented.merchantId) return INVALID_GRANT;
      // The session survives a suspension (it works again once resumed), but issues nothing during it.
      if (await this.standing.isSuspended(presented.merchantId, manager)) return SUSPENDED;

      // The role may have changed since the login: the session keeps only what the role still allows.
      const allowed = scopesForRole(user.role).filter((scope) => presented.scopes.includes(scope));
      const decision = decideScopes(request.scope, allowed, 'session');
      if ('refused' in decision) return { ok: false, error: 'invalid_scope', errorDescription: decision.refused };

      await this.refreshTokens.markUsed(manager, presented.id, now);
      const grant: SessionGrant = {
        familyId: presented.familyId,
        familyExpiresAt: presented.familyExpiresAt,
        clientId: presented.clientId,
        userId: presented.userId,
        merchantId: presented.merchantId,
        livemode: presented.livemode,
        scopes: presented.scopes,
        accessScopes: decision.granted,
        issuer: request.issuer,
      };
      return this.issue(manager, grant, key, now);
    });
    // A user removed while their refresh was under way: the session is gone with them.
    return refreshing.catch((error: unknown) => {
      if (isUserGone(error)) return INVALID_GRANT;
      throw error;
    });
  }

  /** Revokes the whole session and deny-lists its access tokens still unexpired. Idempotent. */
  async revokeSession(familyId: string): Promise<void> {
    await this.dataSource.transaction((manager) => this.revokeFamily(manager, familyId, new Date()));
  }

  /**
   * Ends every session of the user inside the caller's transaction: their refresh tokens stop, and the
   * access tokens issued in them go on the deny list the edge polls. For a user being removed, or whose
   * role changes (their tokens carry the old role's scopes).
   *
   * A refresh in flight holds its token's row, so a pass waits for it, and it adds the next token after
   * the pass began, out of the pass's sight: passes repeat until one finds nothing left to revoke. The
   * transaction then holds every token row of the user, and no refresh of theirs is in flight.
   */
  async endAllSessionsOf(manager: EntityManager, userId: string, now: Date): Promise<void> {
    for (let pass = 1; pass <= MAX_REVOCATION_PASSES; pass++) {
      if ((await this.refreshTokens.revokeUserSessions(manager, userId, now)) > 0) continue;
      await this.revokedAccessTokens.add(await this.refreshTokens.unexpiredAccessTokensOfUser(manager, userId, now), manager);
      return;
    }
    throw new Error(`The sessions of user ${userId} kept being refreshed while they were being ended.`);
  }

  private async revokeFamily(manager: EntityManager, familyId: string, now: Date): Promise<void> {
    await this.revokedAccessTokens.add(await this.refreshTokens.revokeFamily(manager, familyId, now), manager);
  }

  private async issue(manager: EntityManager, grant: SessionGrant, key: ActiveSigningKey, now: Date): Promise<UserLoginResult> {
    const lifetimeSeconds = this.oauth.accessTokenLifetimeSeconds;
    const accessToken = await signAccessToken(
      { clientId: grant.clientId, subject: grant.userId, merchantId: grant.merchantId, livemode: grant.livemode, scopes: grant.accessScopes },
      { issuer: grant.issuer, kid: key.kid, privateKey: key.privateKey, lifetimeSeconds, now },
    );
    const refreshToken = newRefreshToken();
    const idleExpiry = now.getTime() + REFRESH_TOKEN_IDLE_SECONDS * 1000;
    await this.refreshTokens.insert(
      manager,
      Object.assign(new RefreshTokenEntity(), {
        id: newId('rtk'),
        familyId: grant.familyId,
        tokenHash: refreshTokenHash(this.config.PAYRAIL_API_KEY_PEPPER, refreshToken),
        clientId: grant.clientId,
        userId: grant.userId,
        merchantId: grant.merchantId,
        livemode: grant.livemode,
        scopes: grant.scopes,
        accessTokenJti: accessToken.jti,
        accessTokenExpiresAt: accessToken.expiresAt,
        createdAt: now,
        expiresAt: new Date(Math.min(idleExpiry, grant.familyExpiresAt.getTime())),
        familyExpiresAt: grant.familyExpiresAt,
        usedAt: null,
        revokedAt: null,
      }),
    );
    return { ok: true, accessToken: accessToken.token, expiresIn: lifetimeSeconds, scope: grant.accessScopes.join(' '), refreshToken };
  }
}

/** The new refresh token's user no longer exists (the foreign key refused it). */
function isUserGone(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { constraint?: string } | undefined)?.constraint === 'refresh_tokens_user_fkey';
}
