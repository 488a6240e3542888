import type { BalanceTransactionResource, BalanceTransactionType } from '@payrail/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The merchant's view of one journal entry: gross, fee and net, and when the net becomes available. */
@Entity({ name: 'balance_transactions', schema: 'ledger' })
export class BalanceTransactionEntity {
  @PrimaryColumn('text') id: string;
  @Column({ name: 'merchant_id', type: 'text' }) merchantId: string;
  @Column('boolean') livemode: boolean;
  @Column({ name: 'entry_id', type: 'text' }) entryId: string;
  @Column('text') type: BalanceTransactionType;
  @Column({ name: 'reporting_category', type: 'text' }) reportingCategory: BalanceTransactionResource['reporting_category'];
  @Column('text') source: string;
  @Column('bigint') amount: string;
  @Column('bigint') fee: string;
  @Column('bigint') net: string;
  @Column('text') currency: string;
  @Column('text') status: BalanceTransactionResource['status'];
  @Column({ name: 'available_on', type: 'timestamptz' }) availableOn: Date;
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
