import { SecretBox, SecretBoxError } from './secret-box.js';

const ROOT_KEY = 'k'.repeat(16) + 'root-key-for-secret-box-tests-0123456789';
const OTHER_ROOT_KEY = 'o'.repeat(16) + 'another-root-key-for-secret-box-tests-012';

function flipFirstByte(part: string): string {
  const bytes = Buffer.from(part, 'base64url');
  bytes[0] ^= 0x01;
  return bytes.toString('base64url');
}

function tamper(sealed: string, index: number): string {
  const parts = sealed.split('.');
  parts[index] = flipFirstByte(parts[index]);
  return parts.join('.');
}

describe('SecretBox', () => {
  const box = SecretBox.fromRootKey(ROOT_KEY, 'auth/signing-keys');

  it('opens what it sealed', () => {
    const sealed = box.seal('a signing secret ✓', 'hk_123');
    expect(box.open(sealed, 'hk_123')).toBe('a signing secret ✓');
  });

  it('never shows the plaintext and never seals the same way twice', () => {
    const first = box.seal('plain-secret-value', 'hk_1');
    const second = box.seal('plain-secret-value', 'hk_1');
    expect(first).not.toContain('plain-secret-value');
    expect(first).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(first).not.toBe(second);
  });

  it.each([
    ['the iv', 1],
    ['the ciphertext', 2],
    ['the tag', 3],
  ])('refuses a box whose %s was altered', (_name, index) => {
    const sealed = box.seal('secret', 'hk_1');
    expect(() => box.open(tamper(sealed, index), 'hk_1')).toThrow(SecretBoxError);
  });

  it('refuses a box moved to another row (associated data differs)', () => {
    const sealed = box.seal('secret', 'hk_1');
    expect(() => box.open(sealed, 'hk_2')).toThrow(SecretBoxError);
  });

  it('refuses a box sealed under another root key or purpose', () => {
    const sealed = box.seal('secret', 'hk_1');
    expect(() => SecretBox.fromRootKey(OTHER_ROOT_KEY, 'auth/signing-keys').open(sealed, 'hk_1')).toThrow(SecretBoxError);
    expect(() => SecretBox.fromRootKey(ROOT_KEY, 'auth/other').open(sealed, 'hk_1')).toThrow(SecretBoxError);
  });

  it.each(['', 'v1.abc', 'v2.a.b.c', 'v1.AAAA.AAAA.AAAA', 'not a box at all'])('refuses malformed input %j', (sealed) => {
    expect(() => box.open(sealed, 'hk_1')).toThrow(SecretBoxError);
  });

  it('refuses a root key shorter than 32 characters', () => {
    expect(() => SecretBox.fromRootKey('short', 'auth/signing-keys')).toThrow(/at least 32/);
  });
});
