import { createHmac, hkdfSync } from 'node:crypto';
import { constantTimeEqual } from '@payrail/signing';

const TOKEN_PURPOSE = 'payrail/connectors/mpesa-callback-token';

/**
 * Daraja signs no callback, so an M-Pesa account's callback URL carries a token only Payrail can make: an
 * HMAC of the account id under a key derived from PAYRAIL_SECRETS_KEY. Nothing is stored; a callback
 * without the account's token is refused before its body is read.
 */
export class MpesaCallbackTokens {
  private readonly key: Buffer;

  constructor(secretsKey: string) {
    this.key = Buffer.from(hkdfSync('sha256', Buffer.from(secretsKey, 'utf8'), Buffer.alloc(0), TOKEN_PURPOSE, 32));
  }

  tokenFor(accountId: string): string {
    return createHmac('sha256', this.key).update(accountId, 'utf8').digest('base64url');
  }

  matches(accountId: string, token: string | undefined): boolean {
    return typeof token === 'string' && constantTimeEqual(this.tokenFor(accountId), token);
  }

  /** The account's callback URL: absolute with a public URL, else the path the edge completes. */
  urlFor(publicUrl: string | undefined, accountId: string): string {
    const base = (publicUrl ?? '').replace(/\/+$/, '');
    return `${base}/v1/callbacks/mpesa/${encodeURIComponent(accountId)}?token=${this.tokenFor(accountId)}`;
  }
}
