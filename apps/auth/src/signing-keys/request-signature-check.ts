import { constantTimeEqual, hmacSha256Hex } from '@payrail/signing';

const SIGNATURE_FORMAT = /^[0-9a-f]{64}$/;
const SIGNING_KEY_ID_FORMAT = /^hk_[A-Za-z0-9]{1,64}$/;

/** Whether this looks like a key id we issue; anything else is unknown without a lookup. */
export function isSigningKeyId(keyId: string): boolean {
  return SIGNING_KEY_ID_FORMAT.test(keyId);
}

/**
 * Whether `signature` is the lowercase hex HMAC-SHA256 of the canonical request under `secret`.
 * Compared in constant time; upper-case hex is refused, as the scheme says lowercase.
 */
export function signatureMatches(secret: string, canonicalRequest: Buffer, signature: string): boolean {
  const expected = hmacSha256Hex(secret, canonicalRequest);
  return SIGNATURE_FORMAT.test(signature) && constantTimeEqual(expected, signature);
}
