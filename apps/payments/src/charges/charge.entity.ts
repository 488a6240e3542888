import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CardDetails, ChargeResource } from '@payrail/contracts';

@Entity({ name: 'charges', schema: 'payments' })
export class ChargeEntity {
  @PrimaryColumn('text') id: string;
  @Column({ name: 'merchant_id', type: 'text' }) merchantId: string;
  @Column('boolean') livemode: boolean;
  @Column({ name: 'payment_intent_id', type: 'text' }) paymentIntentId: string;
  @Column('bigint') amount: string;
  @Column({ name: 'amount_captured', type: 'bigint' }) amountCaptured: string;
  @Column({ name: 'amount_refunded', type: 'bigint' }) amountRefunded: string;
  @Column('text') currency: string;
  @Column('text') status: ChargeResource['status'];
  @Column({ name: 'payment_method', type: 'text', nullable: true }) paymentMethod: string | null;
  @Column({ type: 'jsonb', nullable: true }) card: CardDetails | null;
  @Column('jsonb') outcome: ChargeResource['outcome'];
  @Column({ name: 'failure_code', type: 'text', nullable: true }) failureCode: string | null;
  @Column({ name: 'failure_message', type: 'text', nullable: true }) failureMessage: string | null;
  @Column('text') connector: string;
  @Column({ name: 'gateway_reference', type: 'text' }) gatewayReference: string;
  @Column('jsonb') metadata: Record<string, string>;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
