import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const MIN_ROOT_KEY_LENGTH = 32;
const HKDF_SALT = 'payrail.secret-box';

/**
 * AES-256-GCM for secrets the service must read back (HMAC verification needs the signing secret
 * itself, so a hash will not do). The key is derived with HKDF from `PAYRAIL_SECRETS_KEY` and a
 * purpose, so one root key never encrypts two kinds of secret under the same key. Callers pass the
 * owning row's id as associated data: a ciphertext copied onto another row fails to open.
 *
 * Sealed form: `v1.<iv>.<ciphertext>.<tag>`, each part base64url.
 */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  static fromRootKey(rootKey: string, purpose: string): SecretBox {
    if (typeof rootKey !== 'string' || rootKey.length < MIN_ROOT_KEY_LENGTH) {
      throw new Error(`The secrets key must be at least ${MIN_ROOT_KEY_LENGTH} characters`);
    }
    const key = Buffer.from(hkdfSync('sha256', Buffer.from(rootKey, 'utf8'), HKDF_SALT, `payrail/${purpose}`, KEY_BYTES));
    return new SecretBox(key);
  }

  seal(plaintext: string, associatedData: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv, ciphertext, cipher.getAuthTag()].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
  }

  /** Throws when the box was altered, sealed under another key, or for other associated data. */
  open(sealed: string, associatedData: string): string {
    const parts = sealed.split('.');
    if (parts.length !== 4 || parts[0] !== VERSION) throw new SecretBoxError('unrecognised sealed secret format');
    const [iv, ciphertext, tag] = parts.slice(1).map((part) => Buffer.from(part, 'base64url'));
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretBoxError('unrecognised sealed secret format');
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('sealed secret failed authentication');
    }
  }
}

export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
}
