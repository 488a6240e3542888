import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const INFO = 'payrail/sealed-secret/v1';

/**
 * Secrets we must be able to read back (a webhook endpoint's signing secret) are kept sealed with
 * AES-256-GCM under a key derived from the deployment's PAYRAIL_SECRETS_KEY; a database dump alone
 * does not reveal them, and tampering is detected.
 */
export function sealSecret(secretsKey: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(secretsKey), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), ciphertext.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

export function openSecret(secretsKey: string, sealed: string): string {
  const [version, iv, ciphertext, tag] = sealed.split('.');
  if (version !== VERSION || !iv || ciphertext === undefined || !tag) throw new Error('Not a sealed secret');
  const decipher = createDecipheriv('aes-256-gcm', deriveKey(secretsKey), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}

function deriveKey(secretsKey: string): Buffer {
  if (!secretsKey) throw new Error('PAYRAIL_SECRETS_KEY is empty');
  return Buffer.from(hkdfSync('sha256', secretsKey, Buffer.alloc(0), INFO, 32));
}
