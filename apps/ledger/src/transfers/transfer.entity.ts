import type { TransferPaymentType, TransferStatus } from '@payrail/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'transfers', schema: 'ledger' })
export class TransferEntity {
  @PrimaryColumn('text') id: string;
  @Column({ name: 'merchant_id', type: 'text' }) merchantId: string;
  @Column('boolean') livemode: boolean;
  @Column({ name: 'from_account', type: 'text' }) fromAccount: string;
  @Column({ name: 'to_account', type: 'text' }) toAccount: string;
  @Column({ name: 'payment_type', type: 'text' }) paymentType: TransferPaymentType;
  @Column('bigint') amount: string;
  @Column('bigint') fee: string;
  @Column('text') currency: string;
  @Column('text') status: TransferStatus;
  @Column({ name: 'failure_reason', type: 'text', nullable: true }) failureReason: string | null;
  @Column({ name: 'return_code', type: 'text', nullable: true }) returnCode: string | null;
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column({ name: 'external_reference', type: 'text', nullable: true }) externalReference: string | null;
  @Column('jsonb') metadata: Record<string, string>;
  @Column({ name: 'idempotency_key', type: 'text', nullable: true }) idempotencyKey: string | null;
  @Column({ name: 'settles_at', type: 'timestamptz' }) settlesAt: Date;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
