import { createHmac, randomBytes } from 'node:crypto';
import type { Authenticator, OutgoingRequest } from './authenticator.js';

export interface SigningKey {
  /** The signing key id, `hk_…`. */
  id: string;
  secret: string;
}

/** `METHOD\nPATH\nTIMESTAMP\nNONCE\nRAW_BODY`, the string an HMAC-signed request signs (PATH with its query). */
export function canonicalRequest(method: string, pathWithQuery: string, timestamp: string, nonce: string, body: string): string {
  return `${method.toUpperCase()}\n${pathWithQuery}\n${timestamp}\n${nonce}\n${body}`;
}

/** HMAC-signed requests: a new nonce and timestamp for every attempt, since the platform accepts a nonce once. */
export class SignedRequestAuthenticator implements Authenticator {
  constructor(
    private readonly key: SigningKey,
    private readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
  ) {
    if (!key.id || !key.secret) throw new Error('A signing key needs its id and secret');
  }

  async headers(request: OutgoingRequest): Promise<{ [name: string]: string }> {
    const timestamp = String(this.nowSeconds());
    const nonce = randomBytes(16).toString('hex');
    const signature = createHmac('sha256', this.key.secret)
      .update(canonicalRequest(request.method, request.pathWithQuery, timestamp, nonce, request.body), 'utf8')
      .digest('hex');
    return { 'X-API-KEY': this.key.id, 'X-API-TIMESTAMP': timestamp, 'X-API-NONCE': nonce, 'X-API-SIGNATURE': signature };
  }
}
