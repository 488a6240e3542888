import { Column, Entity, PrimaryColumn } from 'typeorm';
import { AUTH_SCHEMA } from '../../auth.schema.js';

/** An access token revoked before its expiry: the edge refuses its `jti` until `exp`. */
@Entity({ name: 'revoked_access_tokens', schema: AUTH_SCHEMA })
export class RevokedAccessTokenEntity {
  @PrimaryColumn('text') jti: string;
  /** The token's own expiry: after it, the entry is no longer needed. */
  @Column({ type: 'timestamptz' }) exp: Date;
  /** The database's clock at revocation: what the edge's incremental reads go by. */
  @Column({ name: 'revoked_at', type: 'timestamptz', default: () => 'now()' }) revokedAt: Date;
}
