import type { LedgerAccountStatus } from '@payrail/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'transfer_accounts', schema: 'ledger' })
export class TransferAccountEntity {
  @PrimaryColumn({ name: 'merchant_id', type: 'text' }) merchantId: string;
  @PrimaryColumn('boolean') livemode: boolean;
  @PrimaryColumn('text') id: string;
  @Column('text') currency: string;
  @Column('text') status: LedgerAccountStatus;
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column({ name: 'external_reference', type: 'text', nullable: true }) externalReference: string | null;
  @Column('jsonb') metadata: Record<string, string>;
  @Column({ name: 'idempotency_key', type: 'text', nullable: true }) idempotencyKey: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
