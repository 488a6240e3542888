import { Injectable } from '@nestjs/common';
import {
  DASHBOARD_CLIENT_ID,
  type OAuthIntrospectParams,
  type OAuthIntrospectResult,
  type OAuthIntrospection,
  type OAuthTokenRefused,
} from '@payrail/contracts';
import { AuthConfig } from '../../config/auth.config.js';
import { UsersRepository } from '../../merchants/users.repository.js';
import { AccessTokenReader } from '../access-token-reader.js';
import { ClientAuthenticator } from '../client-authentication.js';
import { isRefreshTokenShaped, refreshTokenHash } from '../refresh-tokens/refresh-token-format.js';
import { RefreshTokensRepository } from '../refresh-tokens/refresh-tokens.repository.js';
import { RevokedAccessTokensRepository } from '../revocation/revoked-access-tokens.repository.js';
import { RevokedSubjectsRepository } from '../revocation/revoked-subjects.repository.js';

const INACTIVE: OAuthIntrospection = { active: false };
const CONFIDENTIAL_ONLY: OAuthTokenRefused = {
  ok: false,
  error: 'invalid_client',
  errorDescription: 'Token introspection is for confidential clients: authenticate with a client secret.',
};

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/**
 * Token introspection (RFC 7662) for a merchant's confidential clients: a token is active only if it is
 * ours, unexpired, unrevoked and the merchant's own; otherwise it is `{active:false}` and nothing more.
 */
@Injectable()
export class TokenIntrospectionService {
  constructor(
    private readonly clients: ClientAuthenticator,
    private readonly accessTokens: AccessTokenReader,
    private readonly revoked: RevokedAccessTokensRepository,
    private readonly revokedSubjects: RevokedSubjectsRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly users: UsersRepository,
    private readonly config: AuthConfig,
  ) {}

  async introspect(request: OAuthIntrospectParams): Promise<OAuthIntrospectResult> {
    if (request.authMethod === 'none' || request.clientId === DASHBOARD_CLIENT_ID) return CONFIDENTIAL_ONLY;
    const authenticated = await this.clients.authenticate(request);
    if (!authenticated.ok) return authenticated;
    if (authenticated.client.kind !== 'confidential') return CONFIDENTIAL_ONLY;
    const merchantId = authenticated.client.client.merchantId;
    const introspection = isRefreshTokenShaped(request.token)
      ? await this.refreshToken(request.token, merchantId, request.issuer)
      : await this.accessToken(request.token, merchantId);
    return { ok: true, introspection };
  }

  private async accessToken(token: string, merchantId: string): Promise<OAuthIntrospection> {
    const claims = await this.accessTokens.read(token);
    if (!claims || claims.merchant_id !== merchantId || claims.exp <= seconds(new Date())) return INACTIVE;
    if (await this.revoked.isRevoked(claims.jti)) return INACTIVE;
    // A revoked OAuth client's tokens, whose jtis nobody recorded.
    if (await this.revokedSubjects.covers(claims.sub, claims.iat)) return INACTIVE;
    let username: string | undefined;
    if (claims.sub !== claims.client_id) {
      const user = await this.users.findById(claims.sub);
      if (!user || user.merchantId !== merchantId) return INACTIVE;
      username = user.username;
    }
    return {
      active: true,
      token_type: 'Bearer',
      scope: claims.scope,
      client_id: claims.client_id,
      sub: claims.sub,
      ...(username !== undefined ? { username } : {}),
      iat: claims.iat,
      exp: claims.exp,
      iss: claims.iss,
      aud: claims.aud,
      jti: claims.jti,
      merchant_id: claims.merchant_id,
      livemode: claims.livemode,
    };
  }

  private async refreshToken(token: string, merchantId: string, issuer: string): Promise<OAuthIntrospection> {
    const stored = await this.refreshTokens.findByHash(refreshTokenHash(this.config.PAYRAIL_API_KEY_PEPPER, token));
    const now = new Date();
    if (!stored || stored.merchantId !== merchantId || stored.usedAt || stored.revokedAt) return INACTIVE;
    if (stored.expiresAt <= now || stored.familyExpiresAt <= now) return INACTIVE;
    const user = await this.users.findById(stored.userId);
    if (!user) return INACTIVE;
    return {
      active: true,
      token_type: 'refresh_token',
      scope: stored.scopes.join(' '),
      client_id: stored.clientId,
      sub: stored.userId,
      username: user.username,
      iat: seconds(stored.createdAt),
      exp: seconds(stored.expiresAt),
      iss: issuer,
      merchant_id: stored.merchantId,
      livemode: stored.livemode,
    };
  }
}
