import { Column, Entity, PrimaryColumn } from 'typeorm';
import { AUTH_SCHEMA } from '../auth.schema.js';

@Entity({ name: 'signing_keys', schema: AUTH_SCHEMA })
export class SigningKeyEntity {
  /** `hk_…`: the key id a merchant sends with an HMAC-signed request. */
  @PrimaryColumn('text') id: string;
  @Column({ name: 'merchant_id', type: 'text' }) merchantId: string;
  @Column('boolean') livemode: boolean;
  /** The secret sealed with `SecretBox` (AES-256-GCM, associated data = this id). */
  @Column({ name: 'secret_ciphertext', type: 'text' }) secretCiphertext: string;
  @Column('text') last4: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt: Date | null;
}
