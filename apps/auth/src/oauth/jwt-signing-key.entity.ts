import type { PublicJwk } from '@payrail/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { AUTH_SCHEMA } from '../auth.schema.js';

/** A key pair that signs access tokens. Not to be confused with `signing_keys`, merchants' HMAC secrets. */
@Entity({ name: 'oauth_signing_keys', schema: AUTH_SCHEMA })
export class JwtSigningKeyEntity {
  /** `jwk_…`: the `kid` in tokens' headers and in the JWKS. */
  @PrimaryColumn('text') id: string;
  @Column('text') algorithm: 'ES256';
  @Column({ name: 'public_jwk', type: 'jsonb' }) publicJwk: PublicJwk;
  /** PKCS#8 PEM sealed with `SecretBox` (purpose `auth/jwt-signing-keys`, associated data = this id). */
  @Column({ name: 'private_key_ciphertext', type: 'text' }) privateKeyCiphertext: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  /** New tokens are signed with it until then; it is retired afterwards. */
  @Column({ name: 'signs_until', type: 'timestamptz' }) signsUntil: Date;
  /** Kept in the JWKS until every token it signed has expired. */
  @Column({ name: 'published_until', type: 'timestamptz' }) publishedUntil: Date;
}
