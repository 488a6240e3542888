import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A nonce a signing key has used, remembered while a request carrying it could still be accepted. */
@Entity({ name: 'request_nonces', schema: 'gateway' })
export class RequestNonceEntity {
  /** `hk_…`: nonces are per signing key. */
  @PrimaryColumn({ name: 'key_id', type: 'text' }) keyId: string;
  @PrimaryColumn('text') nonce: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  /** After this, no request with this nonce can pass the timestamp check, so the nonce is free again. */
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt: Date;
}
