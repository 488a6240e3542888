import { timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { OAuthErrorCode, OAuthTokenParams, OAuthTokenResult } from '@payrail/contracts';
import { hashSecret } from '@payrail/signing';
import { AuthConfig } from '../config/auth.config.js';
import type { OAuthClientEntity } from '../oauth-clients/oauth-client.entity.js';
import { OAuthClientsRepository } from '../oauth-clients/oauth-clients.repository.js';
import { signAccessToken } from './access-token.js';
import { JwtSigningKeysService } from './jwt-signing-keys.service.js';
import { OAuthConfig } from './oauth.config.js';
import { decideScopes } from './requested-scopes.js';

const MAX_CREDENTIAL_LENGTH = 256;
const SUPPORTED_GRANTS = ['client_credentials'];

function refuse(error: OAuthErrorCode, errorDescription: string): OAuthTokenResult {
  return { ok: false, error, errorDescription };
}

/** The token endpoint's decisions (RFC 6749 §4.4): which grant, which client, which scopes. */
@Injectable()
export class OAuthTokenService {
  constructor(
    private readonly clients: OAuthClientsRepository,
    private readonly signingKeys: JwtSigningKeysService,
    private readonly oauth: OAuthConfig,
    private readonly config: AuthConfig,
  ) {}

  async issue(request: OAuthTokenParams): Promise<OAuthTokenResult> {
    if (!request.grantType) return refuse('invalid_request', 'Missing required parameter: grant_type.');
    if (!SUPPORTED_GRANTS.includes(request.grantType)) {
      return refuse('unsupported_grant_type', `The grant type '${request.grantType.slice(0, 64)}' is not supported.`);
    }
    const client = await this.authenticate(request.clientId, request.clientSecret);
    if (!client) return refuse('invalid_client', 'Client authentication failed.');
    const decision = decideScopes(request.scope, client.scopes);
    if ('refused' in decision) return refuse('invalid_scope', decision.refused);

    const now = new Date();
    const key = await this.signingKeys.signingKey(now);
    const accessToken = await signAccessToken(
      { clientId: client.id, merchantId: client.merchantId, livemode: client.livemode, scopes: decision.granted },
      { issuer: request.issuer, kid: key.kid, privateKey: key.privateKey, lifetimeSeconds: this.oauth.accessTokenLifetimeSeconds, now },
    );
    return { ok: true, accessToken, expiresIn: this.oauth.accessTokenLifetimeSeconds, scope: decision.granted.join(' ') };
  }

  /** Unknown client, revoked client and wrong secret are one answer, and take the same work. */
  private async authenticate(clientId: string, clientSecret: string): Promise<OAuthClientEntity | null> {
    if (!clientId || !clientSecret || clientId.length > MAX_CREDENTIAL_LENGTH || clientSecret.length > MAX_CREDENTIAL_LENGTH) return null;
    const client = await this.clients.findActive(clientId);
    const presented = Buffer.from(hashSecret(this.config.PAYRAIL_API_KEY_PEPPER, clientSecret), 'hex');
    const expected = Buffer.from(client?.secretHash ?? '00'.repeat(presented.length), 'hex');
    const matches = expected.length === presented.length && timingSafeEqual(expected, presented);
    return client && matches ? client : null;
  }
}
