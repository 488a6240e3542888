import { hashSecret } from '@payrail/signing';
import { isRefreshTokenShaped, newRefreshToken, refreshTokenHash } from './refresh-token-format.js';

describe('refresh token format', () => {
  it('is rt_ and 256 random bits in base64url', () => {
    const token = newRefreshToken();
    expect(token).toMatch(/^rt_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token.slice(3), 'base64url')).toHaveLength(32);
    expect(isRefreshTokenShaped(token)).toBe(true);
  });

  it('never repeats', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => newRefreshToken()));
    expect(tokens.size).toBe(1000);
  });

  it('recognises only its own shape', () => {
    const token = newRefreshToken();
    for (const other of ['', 'rt_', token.slice(0, -1), `${token}A`, `RT_${token.slice(3)}`, `rt_${'a'.repeat(42)}=`, `rt_${'a'.repeat(42)}+`]) {
      expect(isRefreshTokenShaped(other)).toBe(false);
    }
  });

  it('is stored as a keyed hash that depends on the pepper', () => {
    const token = newRefreshToken();
    const hash = refreshTokenHash('pepper-one-0123456789abcdef0123456789', token);
    expect(hash).toBe(hashSecret('pepper-one-0123456789abcdef0123456789', token));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token.slice(3));
    expect(refreshTokenHash('pepper-two-0123456789abcdef0123456789', token)).not.toBe(hash);
  });
});
