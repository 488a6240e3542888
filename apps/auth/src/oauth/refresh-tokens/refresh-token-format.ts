import { randomBytes } from 'node:crypto';
import { hashSecret } from '@payrail/signing';

const PREFIX = 'rt_';
const ENTROPY_BYTES = 32;
/** `rt_` and 256 random bits in base64url (43 characters, no padding). */
const SHAPE = /^rt_[A-Za-z0-9_-]{43}$/;

/** An opaque refresh token: recognisable by its prefix (in a leak scanner too), meaningless otherwise. */
export function newRefreshToken(): string {
  return `${PREFIX}${randomBytes(ENTROPY_BYTES).toString('base64url')}`;
}

/** Whether a presented string could be one of ours at all; anything else is not looked up. */
export function isRefreshTokenShaped(value: string): boolean {
  return SHAPE.test(value);
}

/** What is stored instead of the token: a keyed hash, so a leaked table alone yields nothing usable. */
export function refreshTokenHash(pepper: string, token: string): string {
  return hashSecret(pepper, token);
}
