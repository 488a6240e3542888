import { createHash } from 'node:crypto';
import type { VerifiedApiKey } from '@payrail/contracts';

const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

/**
 * Briefly remembers verified keys so that the auth service is not asked on every request. Short enough
 * that a revoked key stops working within seconds; keyed by a digest so no key sits in memory as-is.
 */
export class ApiKeyCache {
  private readonly entries = new Map<string, { key: VerifiedApiKey; expiresAt: number }>();

  get(apiKey: string): VerifiedApiKey | undefined {
    const digest = this.digest(apiKey);
    const entry = this.entries.get(digest);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.entries.delete(digest);
      return undefined;
    }
    return entry.key;
  }

  set(apiKey: string, key: VerifiedApiKey): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(this.digest(apiKey), { key, expiresAt: Date.now() + TTL_MS });
  }

  private digest(apiKey: string): string {
    return createHash('sha256').update(apiKey).digest('base64url');
  }
}
