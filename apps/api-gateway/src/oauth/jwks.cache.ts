import { Injectable } from '@nestjs/common';
import { Patterns, type JwksResult } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import { createLocalJWKSet, errors, type JWSHeaderParameters, type FlattenedJWSInput } from 'jose';

/** Refetched this often even when every kid is known, so that keys past publication drop out. */
const MAX_AGE_MS = 10 * 60_000;
/** An unknown kid refetches at most this often: forged tokens with random kids cannot hammer auth. */
const UNKNOWN_KID_COOLDOWN_MS = 5_000;

type KeyResolver = ReturnType<typeof createLocalJWKSet>;

/** The auth service's JWKS, fetched over the transport, kept, and refetched when a token names a new kid. */
@Injectable()
export class JwksCache {
  private resolver: KeyResolver | null = null;
  private fetchedAt = 0;
  private inFlight: Promise<KeyResolver> | null = null;

  constructor(private readonly client: MessageClient) {}

  /** For `jwtVerify`: the public key the header's kid names. */
  readonly keyFor = async (header: JWSHeaderParameters, token: FlattenedJWSInput) => {
    const stale = !this.resolver || this.now() - this.fetchedAt > MAX_AGE_MS;
    const resolver = stale ? await this.refresh() : this.resolver!;
    try {
      return await resolver(header, token);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey) || this.now() - this.fetchedAt < UNKNOWN_KID_COOLDOWN_MS) throw error;
      return (await this.refresh())(header, token);
    }
  };

  /** The clock the cache ages by; a test may move it. */
  protected now(): number {
    return Date.now();
  }

  private refresh(): Promise<KeyResolver> {
    this.inFlight ??= this.client
      .send(Patterns.AuthOAuthJwks, {})
      .then((jwks: JwksResult) => {
        this.resolver = createLocalJWKSet({ keys: jwks.keys.map((key) => ({ ...key })) });
        this.fetchedAt = this.now();
        return this.resolver;
      })
      .finally(() => {
        this.inFlight = null;
      });
    return this.inFlight;
  }
}
