import { Inject, Injectable } from '@nestjs/common';
import type { VerifiedRequestSignature, VerifyRequestSignatureParams } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { SecretBox } from '@payrail/signing';
import { DataSource } from 'typeorm';
import { AuthConfig } from '../config/auth.config.js';
import { isSigningKeyId, signatureMatches } from './request-signature-check.js';
import { SIGNING_SECRET_PURPOSE } from './signing-key-issuer.js';
import { SigningKeysRepository } from './signing-keys.repository.js';

const SIGNATURE_INVALID_MESSAGE =
  'The request signature does not match. Sign METHOD\\nPATH\\nTIMESTAMP\\nNONCE\\nRAW_BODY with HMAC-SHA256 under your signing secret and send it, as lowercase hex, in X-API-SIGNATURE.';

/**
 * Checks HMAC-signed requests here, where the signing secrets are: the secret is opened only for the
 * comparison and never leaves the auth service.
 */
@Injectable()
export class SigningKeysService {
  private readonly box: SecretBox;

  constructor(
    private readonly keys: SigningKeysRepository,
    @Inject(DataSource) private readonly dataSource: DataSource,
    config: AuthConfig,
  ) {
    this.box = SecretBox.fromRootKey(config.PAYRAIL_SECRETS_KEY, SIGNING_SECRET_PURPOSE);
  }

  async verify(request: VerifyRequestSignatureParams): Promise<VerifiedRequestSignature> {
    const key = isSigningKeyId(request.keyId) ? await this.keys.findActive(this.dataSource.manager, request.keyId) : null;
    if (!key) {
      const shown = isSigningKeyId(request.keyId) ? `: ${request.keyId}` : '';
      throw new PayrailError('signing_key_invalid', `Invalid signing key provided${shown}. Send the id of your signing key (hk_…) in X-API-KEY.`);
    }
    const secret = this.box.open(key.secretCiphertext, key.id);
    if (!signatureMatches(secret, Buffer.from(request.canonicalRequest, 'base64'), request.signature)) {
      throw new PayrailError('signature_invalid', SIGNATURE_INVALID_MESSAGE);
    }
    return { keyId: key.id, merchantId: key.merchantId, livemode: key.livemode };
  }
}
