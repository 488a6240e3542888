import { Column, Entity, PrimaryColumn } from 'typeorm';
import { AUTH_SCHEMA } from '../auth.schema.js';

@Entity({ name: 'oauth_clients', schema: AUTH_SCHEMA })
export class OAuthClientEntity {
  /** `cli_…`: the OAuth `client_id`. */
  @PrimaryColumn('text') id: string;
  @Column({ name: 'merchant_id', type: 'text' }) merchantId: string;
  /** Keyed HMAC of the client secret, as for API keys. */
  @Column({ name: 'secret_hash', type: 'text' }) secretHash: string;
  @Column('text') name: string;
  /** Scopes from the catalogue (`OAuthScopes`) that the client may ask for. */
  @Column({ type: 'text', array: true }) scopes: string[];
  /** The mode its access tokens act in. */
  @Column('boolean') livemode: boolean;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt: Date | null;
}
