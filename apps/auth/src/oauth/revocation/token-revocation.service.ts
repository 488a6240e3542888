import { Injectable } from '@nestjs/common';
import type { OAuthRevokeParams, OAuthRevokeResult, OAuthTokenRefused, RevokedAccessTokensResult } from '@payrail/contracts';
import { AuthConfig } from '../../config/auth.config.js';
import { AccessTokenReader } from '../access-token-reader.js';
import { ClientAuthenticator } from '../client-authentication.js';
import { isRefreshTokenShaped, refreshTokenHash } from '../refresh-tokens/refresh-token-format.js';
import { RefreshTokensRepository } from '../refresh-tokens/refresh-tokens.repository.js';
import { UserSessionsService } from '../refresh-tokens/user-sessions.service.js';
import { RevokedAccessTokensRepository } from './revoked-access-tokens.repository.js';
import { RevokedSubjectsRepository } from './revoked-subjects.repository.js';

const NOT_YOURS: OAuthTokenRefused = { ok: false, error: 'unauthorized_client', errorDescription: 'The token was not issued to this client.' };

/**
 * Token revocation (RFC 7009): a refresh token ends its whole session, an access token goes on the deny
 * list the edge reads. A token that is not ours, or already revoked or expired, is revoked as far as the
 * client can tell (§2.2); another client's token is refused.
 */
@Injectable()
export class TokenRevocationService {
  constructor(
    private readonly clients: ClientAuthenticator,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly sessions: UserSessionsService,
    private readonly accessTokens: AccessTokenReader,
    private readonly revoked: RevokedAccessTokensRepository,
    private readonly revokedSubjects: RevokedSubjectsRepository,
    private readonly config: AuthConfig,
  ) {}

  async revoke(request: OAuthRevokeParams): Promise<OAuthRevokeResult> {
    const authenticated = await this.clients.authenticate(request);
    if (!authenticated.ok) return authenticated;
    const clientId = authenticated.client.clientId;

    // The hint only saves a look-up (§2.1); the two kinds are told apart by their shape anyway.
    if (isRefreshTokenShaped(request.token)) {
      const stored = await this.refreshTokens.findByHash(refreshTokenHash(this.config.PAYRAIL_API_KEY_PEPPER, request.token));
      if (!stored) return { ok: true };
      if (stored.clientId !== clientId) return NOT_YOURS;
      await this.sessions.revokeSession(stored.familyId);
      return { ok: true };
    }
    const claims = await this.accessTokens.read(request.token);
    if (!claims) return { ok: true };
    if (claims.client_id !== clientId) return NOT_YOURS;
    if (claims.exp * 1000 > Date.now()) await this.revoked.add([{ jti: claims.jti, exp: new Date(claims.exp * 1000) }]);
    return { ok: true };
  }

  /** The deny list the edge polls: revoked tokens and revoked subjects, both read after `asOf`. */
  async list(since: number | undefined): Promise<RevokedAccessTokensResult> {
    const { revoked, asOf } = await this.revoked.listUnexpired(since);
    const revokedSubjects = await this.revokedSubjects.listUnexpired(since);
    return { revoked, revokedSubjects, asOf };
  }
}
