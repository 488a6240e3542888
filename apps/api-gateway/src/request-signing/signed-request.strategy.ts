import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Patterns } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { MessageClient } from '@payrail/messaging';
import { canonicalRequest } from '@payrail/signing';
import type { Request } from 'express';
import type { AuthenticatedCredential } from '../authentication/authenticated-credential.js';
import { RequestStrategy } from '../authentication/request-strategy.js';
import type { EdgeRequest } from '../http/request-id.middleware.js';
import { RequestNoncesRepository } from './request-nonces.repository.js';
import { checkNonce, checkTimestamp, nonceExpiresAt, readSignatureHeaders, SIGNATURE_WINDOW_SECONDS } from './signed-request-headers.js';

export const SIGNED_REQUEST_STRATEGY = 'signed-request';

/**
 * HMAC-signed requests: the timestamp first (free), then the signature, which the auth service checks
 * where the secret is, and only then the nonce, so that unsigned garbage cannot use up a merchant's nonces.
 */
@Injectable()
export class SignedRequestStrategy extends PassportStrategy(RequestStrategy, SIGNED_REQUEST_STRATEGY) {
  constructor(
    private readonly client: MessageClient,
    private readonly nonces: RequestNoncesRepository,
  ) {
    super();
  }

  async validate(req: Request & Pick<EdgeRequest, 'rawBody'>): Promise<AuthenticatedCredential> {
    const headers = readSignatureHeaders((name) => req.header(name));
    const timestamp = checkTimestamp(headers.timestamp, Math.floor(Date.now() / 1000));
    checkNonce(headers.nonce);
    const signed = canonicalRequest({
      method: req.method,
      path: req.originalUrl,
      timestamp: headers.timestamp,
      nonce: headers.nonce,
      rawBody: req.rawBody ?? Buffer.alloc(0),
    });
    const verified = await this.client.send(Patterns.AuthSignatureVerify, {
      keyId: headers.keyId,
      canonicalRequest: signed.toString('base64'),
      signature: headers.signature,
    });
    if (!(await this.nonces.record(verified.keyId, headers.nonce, nonceExpiresAt(timestamp)))) {
      throw new PayrailError(
        'nonce_reused',
        `This X-API-NONCE was already used with this signing key in the last ${SIGNATURE_WINDOW_SECONDS} seconds. Send a new nonce with every request.`,
      );
    }
    return { scheme: 'signed_request', caller: { merchantId: verified.merchantId, livemode: verified.livemode } };
  }
}
