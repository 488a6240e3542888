import type { AuthConfig } from '../config/auth.config.js';
import type { JwtSigningKeyEntity } from './jwt-signing-key.entity.js';
import type { JwtSigningKeysRepository } from './jwt-signing-keys.repository.js';
import { JwtSigningKeysService } from './jwt-signing-keys.service.js';
import { OAuthConfig } from './oauth.config.js';

const DAY_MS = 24 * 3600 * 1000;

class FakeKeys implements Pick<JwtSigningKeysRepository, 'insert' | 'findSigning' | 'findPublished'> {
  readonly rows: JwtSigningKeyEntity[] = [];
  async insert(key: JwtSigningKeyEntity): Promise<void> {
    this.rows.push(key);
  }
  async findSigning(now: Date): Promise<JwtSigningKeyEntity | null> {
    return [...this.rows].reverse().find((row) => row.signsUntil > now) ?? null;
  }
  async findPublished(now: Date): Promise<JwtSigningKeyEntity[]> {
    return [...this.rows].reverse().filter((row) => row.publishedUntil > now);
  }
}

function serviceOver(keys: FakeKeys): JwtSigningKeysService {
  const config = { PAYRAIL_SECRETS_KEY: 'unit-secrets-key-0123456789abcdef0123456789' } as AuthConfig;
  return new JwtSigningKeysService(keys as unknown as JwtSigningKeysRepository, new OAuthConfig(7 * 24 * 3600), config);
}

describe('JwtSigningKeysService', () => {
  it('makes one key on first need, even for concurrent requests, and keeps the private key sealed', async () => {
    const keys = new FakeKeys();
    const service = serviceOver(keys);
    const [a, b] = await Promise.all([service.signingKey(), service.signingKey()]);
    expect(keys.rows).toHaveLength(1);
    expect(a.kid).toBe(b.kid);
    expect(a.kid).toMatch(/^jwk_/);
    expect(keys.rows[0].privateKeyCiphertext).toMatch(/^v1\./);
    expect(keys.rows[0].privateKeyCiphertext).not.toContain('PRIVATE KEY');
    expect(keys.rows[0].publicJwk).toEqual({ kty: 'EC', crv: 'P-256', x: expect.any(String), y: expect.any(String), kid: a.kid, alg: 'ES256', use: 'sig' });
  });

  it('signs with a key for the rotation period, then with a new one while the old stays published until its tokens expire', async () => {
    const keys = new FakeKeys();
    const service = serviceOver(keys);
    const start = new Date('2026-01-01T00:00:00Z');
    const first = await service.signingKey(start);
    expect((await service.signingKey(new Date(start.getTime() + 7 * DAY_MS - 1))).kid).toBe(first.kid);

    const rotatedAt = new Date(start.getTime() + 7 * DAY_MS);
    const second = await service.signingKey(rotatedAt);
    expect(second.kid).not.toBe(first.kid);
    expect((await service.jwks(rotatedAt)).keys.map((key) => key.kid)).toEqual([second.kid, first.kid]);

    // The last token the first key signed expires 15 minutes after it retired; 5 minutes' grace follow.
    const afterLastToken = new Date(rotatedAt.getTime() + 20 * 60_000 + 1);
    expect((await service.jwks(afterLastToken)).keys.map((key) => key.kid)).toEqual([second.kid]);
  });
});
