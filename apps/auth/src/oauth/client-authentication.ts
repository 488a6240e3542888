import { timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DASHBOARD_CLIENT_ID, type OAuthClientAuthentication, type OAuthTokenRefused } from '@payrail/contracts';
import { hashSecret } from '@payrail/signing';
import { AuthConfig } from '../config/auth.config.js';
import { LoginThrottle, type AttemptRefusal } from '../login-throttle/login-throttle.service.js';
import type { OAuthClientEntity } from '../oauth-clients/oauth-client.entity.js';
import { OAuthClientsRepository } from '../oauth-clients/oauth-clients.repository.js';

const MAX_CREDENTIAL_LENGTH = 256;

export type AuthenticatedClient =
  | { kind: 'confidential'; clientId: string; client: OAuthClientEntity }
  /** The first-party dashboard, which has no secret to keep and only names itself. */
  | { kind: 'public'; clientId: typeof DASHBOARD_CLIENT_ID };

export type ClientAuthenticationResult = { ok: true; client: AuthenticatedClient } | OAuthTokenRefused;

const FAILED: OAuthTokenRefused = { ok: false, error: 'invalid_client', errorDescription: 'Client authentication failed.' };

/** Client counters are never locked (see LoginThrottlePolicies): a refusal only ever asks this source to wait. */
function throttled(refusal: AttemptRefusal): OAuthTokenRefused {
  const from = refusal.by === 'source' ? 'from your address' : 'for this client from your address';
  const errorDescription = `Too many failed authentications ${from}: try again in ${refusal.retryAfterSeconds} s.`;
  return { ok: false, error: 'invalid_client', errorDescription, retryAfterSeconds: refusal.retryAfterSeconds };
}

/**
 * Who is calling the token, revocation or introspection endpoint (RFC 6749 §2.3): a confidential client
 * by its secret, or the dashboard, the one public client. Failed secrets are throttled per source address
 * and per (presented client id, source), never per client alone: whoever knows a client id cannot lock
 * its owner out. Unknown client, revoked client and wrong secret are one answer and take the same work.
 */
@Injectable()
export class ClientAuthenticator {
  constructor(
    private readonly clients: OAuthClientsRepository,
    private readonly throttle: LoginThrottle,
    private readonly config: AuthConfig,
  ) {}

  async authenticate(presented: OAuthClientAuthentication): Promise<ClientAuthenticationResult> {
    const { clientId, clientSecret, authMethod, sourceAddress } = presented;
    if (authMethod === 'none') {
      return clientId === DASHBOARD_CLIENT_ID && !clientSecret ? { ok: true, client: { kind: 'public', clientId: DASHBOARD_CLIENT_ID } } : FAILED;
    }
    if (!clientId || !clientSecret || clientId === DASHBOARD_CLIENT_ID) return FAILED;
    if (clientId.length > MAX_CREDENTIAL_LENGTH || clientSecret.length > MAX_CREDENTIAL_LENGTH) return FAILED;

    const attempt = await this.throttle.attemptAsClient(clientId, sourceAddress, () => this.verifySecret(clientId, clientSecret));
    if (attempt.outcome === 'refused') return throttled(attempt.refusal);
    if (attempt.outcome === 'failed') return FAILED;
    return { ok: true, client: { kind: 'confidential', clientId: attempt.value.id, client: attempt.value } };
  }

  private async verifySecret(clientId: string, clientSecret: string): Promise<OAuthClientEntity | null> {
    const client = await this.clients.findActive(clientId);
    const presented = Buffer.from(hashSecret(this.config.PAYRAIL_API_KEY_PEPPER, clientSecret), 'hex');
    const expected = Buffer.from(client?.secretHash ?? '00'.repeat(presented.length), 'hex');
    const matches = expected.length === presented.length && timingSafeEqual(expected, presented);
    return client && matches ? client : null;
  }
}
