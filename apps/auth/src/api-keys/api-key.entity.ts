import type { ApiKeyType } from '@payrail/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { AUTH_SCHEMA } from '../auth.schema.js';

@Entity({ name: 'api_keys', schema: AUTH_SCHEMA })
export class ApiKeyEntity {
  @PrimaryColumn('text') id: string;
  @Column({ name: 'merchant_id', type: 'text' }) merchantId: string;
  @Column('boolean') livemode: boolean;
  @Column('text') type: ApiKeyType;
  /** The owner's label for the key, if any. */
  @Column({ type: 'text', nullable: true }) name: string | null;
  /** Keyed HMAC of the whole key (`hashSecret(pepper, key)`); the key itself is never stored. */
  @Column({ name: 'key_hash', type: 'text' }) keyHash: string;
  /** `sk_test_`, `pk_live_`, …: with `last4`, enough to show the key redacted. */
  @Column('text') prefix: string;
  @Column('text') last4: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  /** Set when the key is rolled: the old key keeps working until then. */
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true }) expiresAt: Date | null;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt: Date | null;
}
