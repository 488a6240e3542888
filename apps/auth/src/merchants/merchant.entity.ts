import { Column, Entity, PrimaryColumn } from 'typeorm';
import { AUTH_SCHEMA } from '../auth.schema.js';

@Entity({ name: 'merchants', schema: AUTH_SCHEMA })
export class MerchantEntity {
  @PrimaryColumn('text') id: string;
  @Column('text') name: string;
  @Column({ type: 'text', nullable: true }) email: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  /** Set by an operator: while set, every credential of the merchant is refused (403 account_suspended). */
  @Column({ name: 'suspended_at', type: 'timestamptz', nullable: true }) suspendedAt: Date | null;
  @Column({ name: 'suspension_reason', type: 'text', nullable: true }) suspensionReason: string | null;
}
