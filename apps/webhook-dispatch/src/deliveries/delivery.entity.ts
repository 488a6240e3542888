import { Column, Entity, PrimaryColumn } from 'typeorm';

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed' | 'canceled';

/** One event owed to one endpoint; settled once it succeeds, runs out of retries, or the endpoint goes. */
@Entity({ name: 'webhook_deliveries', schema: 'webhooks' })
export class DeliveryEntity {
  @PrimaryColumn('text') id: string;
  @Column({ name: 'event_id', type: 'text' }) eventId: string;
  @Column({ name: 'endpoint_id', type: 'text' }) endpointId: string;
  @Column({ name: 'merchant_id', type: 'text' }) merchantId: string;
  @Column('boolean') livemode: boolean;
  @Column('text') status: DeliveryStatus;
  @Column('integer') attempts: number;
  @Column({ name: 'next_attempt_at', type: 'timestamptz' }) nextAttemptAt: Date;
  /** A dispatcher's lease: until then no other replica sends this delivery. */
  @Column({ name: 'claimed_until', type: 'timestamptz', nullable: true }) claimedUntil: Date | null;
  @Column({ name: 'claim_token', type: 'text', nullable: true }) claimToken: string | null;
  /** The merchant resent the event while an attempt was in flight: that attempt's outcome leaves it pending, due at once. */
  @Column({ name: 'resend_requested', type: 'boolean', default: false }) resendRequested: boolean;
  @Column({ name: 'last_status_code', type: 'integer', nullable: true }) lastStatusCode: number | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @Column({ name: 'settled_at', type: 'timestamptz', nullable: true }) settledAt: Date | null;
}
