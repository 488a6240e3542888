import type { ApiKeyType } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * A publishable key must name the intent's client secret; a secret key needs none, and one it sends is
 * ignored, as Stripe does. Checked before the intent is looked up so that a missing secret is refused the
 * same way whether or not the id exists.
 */
export function requireClientSecretFor(keyType: ApiKeyType, clientSecret: string | undefined): void {
  if (keyType === 'publishable' && !clientSecret) {
    throw new PayrailError('parameter_missing', 'Missing required param: client_secret.', { param: 'client_secret' });
  }
}

/**
 * Refuses a publishable key whose client secret is not this intent's, with the very reply an unknown id
 * gets, so that a publishable key cannot tell which ids exist.
 */
export function assertClientSecretMatches(
  keyType: ApiKeyType,
  intent: { id: string; client_secret: string },
  clientSecret: string | undefined,
): void {
  if (keyType !== 'publishable') return;
  if (!clientSecret || !sameSecret(intent.client_secret, clientSecret)) {
    throw PayrailError.notFound('payment_intent', intent.id, 'intent');
  }
}

/** Constant-time: both sides are digested first so that neither the length nor a prefix leaks through timing. */
function sameSecret(expected: string, given: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(expected), digest(given));
}
