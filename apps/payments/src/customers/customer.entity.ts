import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Metadata } from '@payrail/contracts';

@Entity({ name: 'customers', schema: 'payments' })
export class CustomerEntity {
  @PrimaryColumn('text') id: string;
  @Column({ name: 'merchant_id', type: 'text' }) merchantId: string;
  @Column('boolean') livemode: boolean;
  @Column({ type: 'text', nullable: true }) email: string | null;
  @Column({ type: 'text', nullable: true }) name: string | null;
  @Column({ type: 'text', nullable: true }) phone: string | null;
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column('jsonb') metadata: Metadata;
  /** Always one of the customer's own attached payment methods (checked when set, cleared on detach). */
  @Column({ name: 'default_payment_method', type: 'text', nullable: true }) defaultPaymentMethod: string | null;
  @Column({ name: 'invoice_prefix', type: 'text' }) invoicePrefix: string;
  /** Deleted customers are kept so that retrieving one answers `deleted: true`, as Stripe does. */
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true }) deletedAt: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
