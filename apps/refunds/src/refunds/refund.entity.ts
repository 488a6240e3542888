import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RefundResource, RefundStatusValue } from '@payrail/contracts';

@Entity({ name: 'refunds', schema: 'refunds' })
export class RefundEntity {
  @PrimaryColumn('text') id: string;
  @Column({ name: 'merchant_id', type: 'text' }) merchantId: string;
  @Column('boolean') livemode: boolean;
  @Column({ name: 'charge_id', type: 'text' }) chargeId: string;
  @Column({ name: 'payment_intent_id', type: 'text' }) paymentIntentId: string;
  @Column('bigint') amount: string;
  @Column('text') currency: string;
  @Column('text') status: RefundStatusValue;
  @Column({ type: 'text', nullable: true }) reason: RefundResource['reason'];
  @Column({ name: 'failure_reason', type: 'text', nullable: true }) failureReason: string | null;
  @Column('jsonb') metadata: Record<string, string>;
  /** The connector that authorised the charge, and its reference for it: where the refund goes. */
  @Column('text') connector: string;
  @Column({ name: 'charge_gateway_reference', type: 'text' }) chargeGatewayReference: string;
  /** The connector's reference for this refund, once it has answered. */
  @Column({ name: 'gateway_reference', type: 'text', nullable: true }) gatewayReference: string | null;
  /** Reconciliation of a `pending` refund (see RefundReconciliationRepository); stale once it left `pending`. */
  @Column({ name: 'reconciliation_attempts', type: 'integer' }) reconciliationAttempts: number;
  @Column({ name: 'reconciliation_next_at', type: 'timestamptz', nullable: true }) reconciliationNextAt: Date | null;
  @Column({ name: 'reconciliation_last_error', type: 'text', nullable: true }) reconciliationLastError: string | null;
  /** `gave_up`: a week of asking the gateway did not settle it; left pending for an operator. */
  @Column({ type: 'text', nullable: true }) reconciliation: 'gave_up' | null;
  /** The `Idempotency-Key` of the request that created the refund: unique per merchant and mode. */
  @Column({ name: 'idempotency_key', type: 'text', nullable: true }) idempotencyKey: string | null;
  /** A digest of that request's parameters: the same key with other parameters is refused. */
  @Column({ name: 'idempotency_request', type: 'text', nullable: true }) idempotencyRequest: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
