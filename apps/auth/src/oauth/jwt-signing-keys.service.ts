import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ACCESS_TOKEN_ALGORITHM, type JwksResult, type PublicJwk } from '@payrail/contracts';
import { newId } from '@payrail/domain';
import { SecretBox, SecretBoxError } from '@payrail/signing';
import { AuthConfig } from '../config/auth.config.js';
import { JwtSigningKeyEntity } from './jwt-signing-key.entity.js';
import { JwtSigningKeysRepository } from './jwt-signing-keys.repository.js';
import { KEY_PUBLICATION_GRACE_SECONDS, OAuthConfig } from './oauth.config.js';

/** The purpose JWT private keys are sealed under (see SecretBox). */
export const JWT_SIGNING_KEY_PURPOSE = 'auth/jwt-signing-keys';

export interface ActiveSigningKey {
  kid: string;
  privateKey: KeyObject;
  signsUntil: Date;
}

/**
 * The ES256 key that signs access tokens, made on first need and replaced once it has signed for the
 * rotation period; a retired key stays in the JWKS until the last token it signed has expired. Two
 * replicas rotating at once each make a key: both are published, so either's tokens verify.
 */
@Injectable()
export class JwtSigningKeysService implements OnApplicationBootstrap {
  private readonly box: SecretBox;
  private cached: ActiveSigningKey | null = null;
  /** One look-up at a time: concurrent first requests share it rather than each making a key. */
  private loading: Promise<ActiveSigningKey> | null = null;

  constructor(
    private readonly keys: JwtSigningKeysRepository,
    private readonly oauth: OAuthConfig,
    config: AuthConfig,
  ) {
    this.box = SecretBox.fromRootKey(config.PAYRAIL_SECRETS_KEY, JWT_SIGNING_KEY_PURPOSE);
  }

  /**
   * Refuses to start on a database whose keys were sealed under another `PAYRAIL_SECRETS_KEY`: otherwise
   * the service would come up and fail every token request with a 500.
   */
  async onApplicationBootstrap(): Promise<void> {
    const newest = await this.keys.findNewest();
    if (!newest) return;
    try {
      this.box.open(newest.privateKeyCiphertext, newest.id);
    } catch (error) {
      if (!(error instanceof SecretBoxError)) throw error;
      throw new Error(
        `PAYRAIL_SECRETS_KEY does not open the access-token signing keys stored in this database (${newest.id}): ` +
          'the database was set up with another secrets key. Start with the key it was set up with, or with an empty database.',
        { cause: error },
      );
    }
  }

  /** The key to sign with now. A token signed with it stays verifiable for its whole life. */
  async signingKey(now = new Date()): Promise<ActiveSigningKey> {
    if (this.cached && this.cached.signsUntil > now) return this.cached;
    this.loading ??= this.load(now).finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  /** Every key whose tokens may still be unexpired; the signing key is made first if there is none yet. */
  async jwks(now = new Date()): Promise<JwksResult> {
    await this.signingKey(now);
    const published = await this.keys.findPublished(now);
    return { keys: published.map((key) => key.publicJwk) };
  }

  private async load(now: Date): Promise<ActiveSigningKey> {
    const stored = (await this.keys.findSigning(now)) ?? (await this.createKey(now));
    this.cached = {
      kid: stored.id,
      privateKey: createPrivateKey(this.box.open(stored.privateKeyCiphertext, stored.id)),
      signsUntil: stored.signsUntil,
    };
    return this.cached;
  }

  private async createKey(now: Date): Promise<JwtSigningKeyEntity> {
    const id = newId('jwk');
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const publicJwk: PublicJwk = { kty: jwk.kty!, crv: jwk.crv, x: jwk.x, y: jwk.y, kid: id, alg: ACCESS_TOKEN_ALGORITHM, use: 'sig' };
    const signsUntil = new Date(now.getTime() + this.oauth.keyRotationSeconds * 1000);
    const lastTokenExpiry = signsUntil.getTime() + this.oauth.accessTokenLifetimeSeconds * 1000;
    const entity = Object.assign(new JwtSigningKeyEntity(), {
      id,
      algorithm: ACCESS_TOKEN_ALGORITHM,
      publicJwk,
      privateKeyCiphertext: this.box.seal(privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), id),
      createdAt: now,
      signsUntil,
      publishedUntil: new Date(lastTokenExpiry + KEY_PUBLICATION_GRACE_SECONDS * 1000),
    });
    await this.keys.insert(entity);
    return entity;
  }
}
