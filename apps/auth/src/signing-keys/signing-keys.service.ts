import { MerchantStanding } from '../merchants/merchant-standing.js';
import { Inject, Injectable } from '@nestjs/common';
import {
  NOTIFICATION_NONCE_PREFIX,
  type Caller,
  type CreateSigningKeyParams,
  type ListResource,
  type ListSigningKeysParams,
  type SignedNotification,
  type SigningKeyResource,
  type SignNotificationParams,
  type VerifiedRequestSignature,
  type VerifyRequestSignatureParams,
} from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { SecretBox, signRequest } from '@payrail/signing';
import { DataSource } from 'typeorm';
import { AuthConfig } from '../config/auth.config.js';
import { isSigningKeyId, signatureMatches } from './request-signature-check.js';
import { issueSigningKey, SIGNING_SECRET_PURPOSE } from './signing-key-issuer.js';
import type { SigningKeyEntity } from './signing-key.entity.js';
import { toSigningKeyResource } from './signing-key.mapper.js';
import { SigningKeysRepository } from './signing-keys.repository.js';

const SIGNATURE_INVALID_MESSAGE =
  'The request signature does not match. Sign METHOD\\nPATH\\nTIMESTAMP\\nNONCE\\nRAW_BODY with HMAC-SHA256 under your signing secret and send it, as lowercase hex, in X-API-SIGNATURE.';

/**
 * A merchant's keys for HMAC-signed requests, both modes, managed merchant-wide as API keys are; and the
 * check of signed requests, here where the secrets are: a secret is opened only for the comparison and
 * never leaves the auth service but in the answer that creates its key. Keys are looked up on every
 * request (nothing caches them), so a revoked key is refused from its next request.
 */
@Injectable()
export class SigningKeysService {
  private readonly box: SecretBox;

  constructor(
    private readonly keys: SigningKeysRepository,
    @Inject(DataSource) private readonly dataSource: DataSource,
    config: AuthConfig,
    private readonly standing: MerchantStanding,
  ) {
    this.box = SecretBox.fromRootKey(config.PAYRAIL_SECRETS_KEY, SIGNING_SECRET_PURPOSE);
  }

  async verify(request: VerifyRequestSignatureParams): Promise<VerifiedRequestSignature> {
    const key = isSigningKeyId(request.keyId) ? await this.keys.findActive(this.dataSource.manager, request.keyId) : null;
    if (!key) {
      const shown = isSigningKeyId(request.keyId) ? `: ${request.keyId}` : '';
      throw new PayrailError('signing_key_invalid', `Invalid signing key provided${shown}. Send the id of your signing key (hk_…) in X-API-KEY.`);
    }
    if (nonceOf(request.canonicalRequest).startsWith(NOTIFICATION_NONCE_PREFIX)) {
      throw new PayrailError('signature_invalid', `A nonce starting with ${NOTIFICATION_NONCE_PREFIX} is Payrail's own, on the notifications it signs: use another.`);
    }
    const secret = this.box.open(key.secretCiphertext, key.id);
    if (!signatureMatches(secret, Buffer.from(request.canonicalRequest, 'base64'), request.signature)) {
      throw new PayrailError('signature_invalid', SIGNATURE_INVALID_MESSAGE);
    }
    await this.standing.assertActive(key.merchantId);
    return { keyId: key.id, merchantId: key.merchantId, livemode: key.livemode };
  }

  /** The new key with its secret, this once; the secret is stored sealed, as verification needs it back. */
  async create(caller: Caller, params: CreateSigningKeyParams | undefined): Promise<SigningKeyResource> {
    const livemode = params?.livemode ?? caller.livemode;
    assertMayManage(caller, livemode);
    const issued = issueSigningKey({ box: this.box, merchantId: caller.merchantId, livemode, now: new Date() });
    await this.keys.insert(this.dataSource.manager, issued.entity);
    return toSigningKeyResource(issued.entity, issued.signingSecret);
  }

  async retrieve(caller: Caller, id: string): Promise<SigningKeyResource> {
    return toSigningKeyResource(await this.findOrThrow(caller, id));
  }

  async list(caller: Caller, params: ListSigningKeysParams): Promise<ListResource<SigningKeyResource>> {
    const page = await this.keys.list(this.dataSource.manager, caller.merchantId, params);
    if (page.cursorMissing) throw PayrailError.notFound('signing_key', page.cursorMissing, params.starting_after ? 'starting_after' : 'ending_before');
    return { object: 'list', data: page.data.map((key) => toSigningKeyResource(key)), has_more: page.hasMore, url: '/v1/signing_keys' };
  }

  /** Stops the key from its next request. Revoking a revoked key changes nothing and answers the same. */
  async revoke(caller: Caller, id: string): Promise<SigningKeyResource> {
    assertMayManage(caller, (await this.findOrThrow(caller, id)).livemode);
    await this.keys.revoke(this.dataSource.manager, caller.merchantId, id);
    return toSigningKeyResource(await this.findOrThrow(caller, id));
  }

  /**
   * A new key in the old one's mode, the old one revoked in the same transaction: of two rolls of one key
   * racing, one wins and the other finds it revoked (a 404, as for any key no longer active).
   */
  async roll(caller: Caller, id: string): Promise<SigningKeyResource> {
    const old = await this.findOrThrow(caller, id);
    assertMayManage(caller, old.livemode);
    const issued = issueSigningKey({ box: this.box, merchantId: caller.merchantId, livemode: old.livemode, now: new Date() });
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.keys.revoke(manager, caller.merchantId, id))) throw PayrailError.notFound('signing_key', id, 'id');
      await this.keys.insert(manager, issued.entity);
    });
    return toSigningKeyResource(issued.entity, issued.signingSecret);
  }

  /**
   * Signs a notification to the merchant's server as the merchant signs its requests, so that its own
   * signature code checks it. The secret stays here. The key asked for signs while active; once rolled,
   * the merchant's newest active key in that mode (its header names which).
   */
  async signNotification(caller: Caller, params: SignNotificationParams): Promise<SignedNotification> {
    if (!params.nonce.startsWith(NOTIFICATION_NONCE_PREFIX)) {
      throw new PayrailError('parameter_invalid', `A notification's nonce starts with ${NOTIFICATION_NONCE_PREFIX}.`, { param: 'nonce' });
    }
    const asked = isSigningKeyId(params.key) ? await this.keys.findActive(this.dataSource.manager, params.key) : null;
    const key =
      asked && asked.merchantId === caller.merchantId && asked.livemode === caller.livemode
        ? asked
        : await this.keys.findNewestActive(this.dataSource.manager, caller.merchantId, caller.livemode);
    if (!key) throw new PayrailError('signing_key_invalid', 'The merchant has no active signing key in this mode to sign with.');
    const secret = this.box.open(key.secretCiphertext, key.id);
    const signature = signRequest(secret, { method: params.method, path: params.path, timestamp: params.timestamp, nonce: params.nonce, rawBody: params.body });
    return { key: key.id, signature };
  }

  private async findOrThrow(caller: Caller, id: string): Promise<SigningKeyEntity> {
    const key = typeof id === 'string' ? await this.keys.findForMerchant(this.dataSource.manager, caller.merchantId, id) : null;
    if (!key) throw PayrailError.notFound('signing_key', String(id), 'id');
    return key;
  }
}

/** The fourth line of `METHOD\nPATH\nTIMESTAMP\nNONCE\nBODY`. */
function nonceOf(canonicalRequestBase64: string): string {
  return Buffer.from(canonicalRequestBase64, 'base64').toString('utf8').split('\n')[3] ?? '';
}

/** A leaked test credential must not be a way into live mode: live signing keys are managed in live mode only. */
function assertMayManage(caller: Caller, livemode: boolean): void {
  if (livemode && !caller.livemode) {
    throw new PayrailError('permission_denied', 'Live signing keys can only be created or revoked with a live secret key.');
  }
}
