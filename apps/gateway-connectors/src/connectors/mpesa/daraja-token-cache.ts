import { createHash } from 'node:crypto';

interface CachedToken {
  token: string;
  /** When to fetch a new one: before Daraja's expiry, so that no call goes out with a token about to lapse. */
  refreshAt: number;
}

/** Refresh this long before expiry, or at half-life for tokens shorter than twice that. */
const REFRESH_MARGIN_MS = 60_000;

/**
 * Daraja access tokens, one per API base and consumer key, held in this replica's memory (each replica
 * fetches its own; Daraja issues several valid tokens at once). Concurrent callers share one fetch.
 * Tokens are bearer secrets: they never leave this cache except as the Authorization header.
 */
export class DarajaTokenCache {
  private readonly tokens = new Map<string, CachedToken>();
  private readonly fetching = new Map<string, Promise<string>>();

  async get(apiBase: string, consumerKey: string, consumerSecret: string, fetchToken: () => Promise<{ token: string; expiresInSeconds: number }>): Promise<string> {
    const key = cacheKey(apiBase, consumerKey, consumerSecret);
    const cached = this.tokens.get(key);
    if (cached && cached.refreshAt > Date.now()) return cached.token;
    const inFlight = this.fetching.get(key);
    if (inFlight) return inFlight;
    const fetched = fetchToken()
      .then(({ token, expiresInSeconds }) => {
        const lifetimeMs = expiresInSeconds * 1000;
        this.tokens.set(key, { token, refreshAt: Date.now() + Math.max(0, lifetimeMs - Math.min(REFRESH_MARGIN_MS, lifetimeMs / 2)) });
        return token;
      })
      .finally(() => this.fetching.delete(key));
    this.fetching.set(key, fetched);
    return fetched;
  }

  /** Daraja refused the token (revoked, or expired early): the next call fetches a new one. */
  forget(apiBase: string, consumerKey: string, consumerSecret: string): void {
    this.tokens.delete(cacheKey(apiBase, consumerKey, consumerSecret));
  }
}

/** Keyed by a hash, so that new credentials for the same key get a new token and no secret is a map key. */
function cacheKey(apiBase: string, consumerKey: string, consumerSecret: string): string {
  return createHash('sha256').update(`${apiBase}\n${consumerKey}\n${consumerSecret}`).digest('base64url');
}
