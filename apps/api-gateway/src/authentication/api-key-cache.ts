import { createHash } from 'node:crypto';
import type { VerifiedApiKey } from '@payrail/contracts';

export const API_KEY_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

/**
 * Briefly remembers verified keys so that the auth service is not asked on every request. Short enough
 * that a revoked key stops working within seconds; keyed by a digest so no key sits in memory as-is.
 * An entry never outlives the key's own expiry (a rolled key), and using a key does not extend its
 * entry: a key in constant use is still asked about again every few seconds.
 */
export class ApiKeyCache {
  private readonly entries = new Map<string, { key: VerifiedApiKey; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  get(apiKey: string): VerifiedApiKey | undefined {
    const digest = this.digest(apiKey);
    const entry = this.entries.get(digest);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(digest);
      return undefined;
    }
    return entry.key;
  }

  set(apiKey: string, key: VerifiedApiKey): void {
    const digest = this.digest(apiKey);
    const now = this.now();
    const current = this.entries.get(digest);
    if (current && current.expiresAt > now) return;
    const expiresAt = Math.min(now + API_KEY_CACHE_TTL_MS, key.expiresAt ?? Number.POSITIVE_INFINITY);
    if (expiresAt <= now) return;
    if (!current && this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(digest, { key, expiresAt });
  }

  private digest(apiKey: string): string {
    return createHash('sha256').update(apiKey).digest('base64url');
  }
}
