import { errorFromFetchResponse } from '../errors.js';
import type { Authenticator } from './authenticator.js';

export interface OAuthClientCredentials {
  clientId: string;
  clientSecret: string;
  /** Space-separated scopes; the client's own when omitted. */
  scope?: string;
  /** Renew this many seconds before the token expires (default 60), so that no request carries a token about to lapse. */
  refreshBeforeExpirySeconds?: number;
}

interface TokenAnswer {
  access_token: string;
  expires_in: number;
}

interface CachedToken {
  value: string;
  renewAtMs: number;
}

/**
 * OAuth2 client credentials: one token is fetched from `/oauth/token`, shared by concurrent requests, and
 * renewed before it expires (platform tokens live 15 minutes).
 */
export class OAuthAuthenticator implements Authenticator {
  private cached: CachedToken | null = null;
  private pending: Promise<CachedToken> | null = null;
  /** How many tokens this authenticator has obtained (the first one included). */
  tokensFetched = 0;

  constructor(
    private readonly credentials: OAuthClientCredentials,
    private readonly tokenUrl: string,
    private readonly fetchImpl: typeof fetch,
    private readonly nowMs: () => number = Date.now,
  ) {
    if (!credentials.clientId || !credentials.clientSecret) throw new Error('OAuth needs a client id and secret');
  }

  async headers(): Promise<{ [name: string]: string }> {
    return { Authorization: `Bearer ${await this.accessToken()}` };
  }

  async accessToken(): Promise<string> {
    if (this.cached && this.nowMs() < this.cached.renewAtMs) return this.cached.value;
    this.pending ??= this.fetchToken().finally(() => { this.pending = null; });
    this.cached = await this.pending;
    return this.cached.value;
  }

  /** A token refused before its time was revoked: forget it, and fetch another for one more attempt. */
  renewAfterRefusal(): boolean {
    if (this.cached === null) return false;
    this.cached = null;
    return true;
  }

  private async fetchToken(): Promise<CachedToken> {
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (this.credentials.scope) form.set('scope', this.credentials.scope);
    const basic = Buffer.from(`${encodeURIComponent(this.credentials.clientId)}:${encodeURIComponent(this.credentials.clientSecret)}`).toString('base64');
    const response = await this.fetchImpl(this.tokenUrl, {
      method: 'POST',
      headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: form.toString(),
    });
    if (!response.ok) throw await errorFromFetchResponse(response);
    const answer = (await response.json()) as TokenAnswer;
    const skewMs = (this.credentials.refreshBeforeExpirySeconds ?? 60) * 1000;
    this.tokensFetched += 1;
    return { value: answer.access_token, renewAtMs: this.nowMs() + Math.max(0, answer.expires_in * 1000 - skewMs) };
  }
}
