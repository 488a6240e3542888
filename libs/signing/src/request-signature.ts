import { hmacSha256Hex } from './hmac.js';

export interface SignedRequestParts {
  method: string;
  /** Path with the query string, exactly as sent. */
  path: string;
  timestamp: string;
  nonce: string;
  rawBody: string | Buffer;
}

/** `METHOD\nPATH\nTIMESTAMP\nNONCE\nRAW_BODY`: what a merchant's server signs for an HMAC-signed request. */
export function canonicalRequest(parts: SignedRequestParts): Buffer {
  const head = `${parts.method.toUpperCase()}\n${parts.path}\n${parts.timestamp}\n${parts.nonce}\n`;
  return Buffer.concat([Buffer.from(head, 'utf8'), Buffer.isBuffer(parts.rawBody) ? parts.rawBody : Buffer.from(parts.rawBody, 'utf8')]);
}

export function signRequest(secret: string, parts: SignedRequestParts): string {
  return hmacSha256Hex(secret, canonicalRequest(parts));
}
