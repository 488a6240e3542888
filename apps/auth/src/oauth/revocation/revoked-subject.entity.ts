import { Column, Entity, PrimaryColumn } from 'typeorm';
import { AUTH_SCHEMA } from '../../auth.schema.js';

/**
 * Every access token of a subject issued up to a moment: what revoking an OAuth client does to the tokens
 * it already holds, whose `jti`s nobody recorded. The edge refuses a token with this `sub` and an `iat` at
 * or before `issuedUpTo`.
 */
@Entity({ name: 'revoked_subjects', schema: AUTH_SCHEMA })
export class RevokedSubjectEntity {
  /** The tokens' `sub`: an OAuth client's id for client-credentials tokens. */
  @PrimaryColumn('text') sub: string;
  @Column({ name: 'issued_up_to', type: 'timestamptz' }) issuedUpTo: Date;
  /** When every token it covers has expired: after it, the entry is no longer needed. */
  @Column({ type: 'timestamptz' }) exp: Date;
  /** The database's clock at (the last) revocation: what the edge's incremental reads go by. */
  @Column({ name: 'revoked_at', type: 'timestamptz', default: () => 'now()' }) revokedAt: Date;
}
