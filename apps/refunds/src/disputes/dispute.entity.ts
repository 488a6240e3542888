import type { DisputeEvidence, DisputeReason, DisputeStatus } from '@payrail/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'disputes', schema: 'refunds' })
export class DisputeEntity {
  @PrimaryColumn('text') id: string;
  @Column({ name: 'merchant_id', type: 'text' }) merchantId: string;
  @Column('boolean') livemode: boolean;
  @Column({ name: 'charge_id', type: 'text' }) chargeId: string;
  @Column({ name: 'payment_intent_id', type: 'text' }) paymentIntentId: string;
  /** The gateway that reported the dispute and its id for it: one Payrail dispute per gateway dispute. */
  @Column('text') gateway: string;
  @Column({ name: 'gateway_dispute_id', type: 'text' }) gatewayDisputeId: string;
  @Column('bigint') amount: string;
  @Column('text') currency: string;
  @Column('text') reason: DisputeReason;
  @Column('text') status: DisputeStatus;
  @Column('jsonb') evidence: DisputeEvidence;
  @Column({ name: 'submission_count', type: 'integer' }) submissionCount: number;
  @Column('jsonb') metadata: Record<string, string>;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
