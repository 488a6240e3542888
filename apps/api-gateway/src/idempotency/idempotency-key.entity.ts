import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One idempotency key of one merchant in one mode. While the first request runs, the row is a claim
 * with a lease (`lockedUntil`); once it answered, the row holds that answer to replay until `expiresAt`.
 */
@Entity({ name: 'idempotency_keys', schema: 'gateway' })
export class IdempotencyKeyEntity {
  @PrimaryColumn({ name: 'merchant_id', type: 'text' }) merchantId: string;
  @PrimaryColumn('boolean') livemode: boolean;
  @PrimaryColumn('text') key: string;
  /** `canonicalRequestHash` of the first request: the key may only be used again with the same parameters. */
  @Column({ name: 'request_hash', type: 'text' }) requestHash: string;
  /** The request that holds the claim, or whose answer is stored (`Original-Request`). */
  @Column({ name: 'request_id', type: 'text' }) requestId: string;
  /** Until when the claim holds while the first request runs; null once its answer is stored. */
  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true }) lockedUntil: Date | null;
  @Column({ name: 'response_status', type: 'integer', nullable: true }) responseStatus: number | null;
  /** The JSON body as sent, sealed with SecretBox: it may carry secrets (a webhook endpoint's `whsec_`). */
  @Column({ name: 'response_body', type: 'text', nullable: true }) responseBody: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt: Date;
}
