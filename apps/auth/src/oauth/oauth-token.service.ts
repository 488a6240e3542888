import { Injectable } from '@nestjs/common';
import type { OAuthErrorCode, OAuthTokenParams, OAuthTokenResult } from '@payrail/contracts';
import { MerchantStanding, SUSPENDED_MESSAGE } from '../merchants/merchant-standing.js';
import type { OAuthClientEntity } from '../oauth-clients/oauth-client.entity.js';
import { signAccessToken } from './access-token.js';
import { ClientAuthenticator } from './client-authentication.js';
import { JwtSigningKeysService } from './jwt-signing-keys.service.js';
import { OAuthConfig } from './oauth.config.js';
import { UserSessionsService } from './refresh-tokens/user-sessions.service.js';
import { decideScopes } from './requested-scopes.js';

const SUPPORTED_GRANTS = ['client_credentials', 'refresh_token'];

function refuse(error: OAuthErrorCode, errorDescription: string): OAuthTokenResult {
  return { ok: false, error, errorDescription };
}

/**
 * The token endpoint's decisions: which grant, which client, which scopes. Client credentials (RFC 6749
 * §4.4) for confidential clients, without a refresh token; the refresh_token grant (§6) for users' sessions.
 */
@Injectable()
export class OAuthTokenService {
  constructor(
    private readonly clients: ClientAuthenticator,
    private readonly sessions: UserSessionsService,
    private readonly signingKeys: JwtSigningKeysService,
    private readonly oauth: OAuthConfig,
    private readonly standing: MerchantStanding,
  ) {}

  async issue(request: OAuthTokenParams): Promise<OAuthTokenResult> {
    if (!request.grantType) return refuse('invalid_request', 'Missing required parameter: grant_type.');
    if (!SUPPORTED_GRANTS.includes(request.grantType)) {
      return refuse('unsupported_grant_type', `The grant type '${request.grantType.slice(0, 64)}' is not supported.`);
    }
    const authenticated = await this.clients.authenticate(request);
    if (!authenticated.ok) return authenticated;
    const { client } = authenticated;

    if (request.grantType === 'refresh_token') {
      if (!request.refreshToken) return refuse('invalid_request', 'Missing required parameter: refresh_token.');
      return this.sessions.refresh({ clientId: client.clientId, refreshToken: request.refreshToken, scope: request.scope, issuer: request.issuer });
    }
    if (client.kind === 'public') {
      return refuse('unauthorized_client', 'A public client may not use the client_credentials grant: it has no secret to prove who it is.');
    }
    if (await this.standing.isSuspended(client.client.merchantId)) return refuse('unauthorized_client', SUSPENDED_MESSAGE);
    return this.clientCredentials(client.client, request);
  }

  private async clientCredentials(client: OAuthClientEntity, request: OAuthTokenParams): Promise<OAuthTokenResult> {
    const decision = decideScopes(request.scope, client.scopes);
    if ('refused' in decision) return refuse('invalid_scope', decision.refused);

    const now = new Date();
    const key = await this.signingKeys.signingKey(now);
    const accessToken = await signAccessToken(
      { clientId: client.id, merchantId: client.merchantId, livemode: client.livemode, scopes: decision.granted },
      { issuer: request.issuer, kid: key.kid, privateKey: key.privateKey, lifetimeSeconds: this.oauth.accessTokenLifetimeSeconds, now },
    );
    return { ok: true, accessToken: accessToken.token, expiresIn: this.oauth.accessTokenLifetimeSeconds, scope: decision.granted.join(' ') };
  }
}
