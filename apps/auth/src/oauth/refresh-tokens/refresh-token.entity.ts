import { Column, Entity, PrimaryColumn } from 'typeorm';
import { AUTH_SCHEMA } from '../../auth.schema.js';

/**
 * One refresh token of a user's session. A session (family) starts at login; each refresh uses its token
 * up and adds the next one to the family, so that a used token presented again betrays a copy.
 */
@Entity({ name: 'refresh_tokens', schema: AUTH_SCHEMA })
export class RefreshTokenEntity {
  /** `rtk_…`: the row, never the token. */
  @PrimaryColumn('text') id: string;
  /** `ses_…`: the session the token belongs to. */
  @Column({ name: 'family_id', type: 'text' }) familyId: string;
  /** Keyed HMAC of the token under the API key pepper; the token itself is never stored. */
  @Column({ name: 'token_hash', type: 'text' }) tokenHash: string;
  @Column({ name: 'client_id', type: 'text' }) clientId: string;
  @Column({ name: 'user_id', type: 'text' }) userId: string;
  @Column({ name: 'merchant_id', type: 'text' }) merchantId: string;
  @Column('boolean') livemode: boolean;
  /** The scope of the grant: a refresh may ask for less, never more. */
  @Column({ type: 'text', array: true }) scopes: string[];
  /** The access token issued together with this refresh token: deny-listed if the session is revoked. */
  @Column({ name: 'access_token_jti', type: 'text' }) accessTokenJti: string;
  @Column({ name: 'access_token_expires_at', type: 'timestamptz' }) accessTokenExpiresAt: Date;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  /** Idle expiry: unless used by then. */
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt: Date;
  /** The session's absolute end, fixed at login. */
  @Column({ name: 'family_expires_at', type: 'timestamptz' }) familyExpiresAt: Date;
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true }) usedAt: Date | null;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt: Date | null;
}
