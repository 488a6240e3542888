import { createHmac } from 'node:crypto';
import { randomBase62 } from '@payrail/domain';

/**
 * A random secret with at least `entropyBytes` bytes of entropy, in base62 after an optional prefix
 * (`sk_test_`, `whsec_`): printable, copy-paste safe, and recognisable by its prefix in a leak scanner.
 */
export function generateSecret(prefix: string, entropyBytes: number): string {
  const length = Math.ceil((entropyBytes * 8) / Math.log2(62));
  return `${prefix}${randomBase62(length)}`;
}

/**
 * What we store instead of an API key or client secret: a keyed hash under a server-side pepper, so a
 * leaked table alone cannot be brute-forced, and look-up stays a single indexed equality.
 */
export function hashSecret(pepper: string, secret: string): string {
  return createHmac('sha256', pepper).update(secret, 'utf8').digest('hex');
}

/** The last four characters, the only part of a secret we show again. */
export function secretLastFour(secret: string): string {
  return secret.slice(-4);
}
