import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { BillingDetails, PaymentMethodCard, Metadata } from '@payrail/contracts';

/** A stored card: what may be shown about it and the connector's token for it, never its number or CVC. */
@Entity({ name: 'payment_methods', schema: 'payments' })
export class PaymentMethodEntity {
  @PrimaryColumn('text') id: string;
  @Column({ name: 'merchant_id', type: 'text' }) merchantId: string;
  @Column('boolean') livemode: boolean;
  @Column('text') type: 'card';
  @Column({ name: 'customer_id', type: 'text', nullable: true }) customerId: string | null;
  @Column({ name: 'card_brand', type: 'text' }) cardBrand: string;
  @Column({ name: 'card_last4', type: 'text' }) cardLast4: string;
  @Column({ name: 'card_exp_month', type: 'integer' }) cardExpMonth: number;
  @Column({ name: 'card_exp_year', type: 'integer' }) cardExpYear: number;
  @Column({ name: 'card_funding', type: 'text' }) cardFunding: string;
  @Column({ name: 'card_country', type: 'text', nullable: true }) cardCountry: string | null;
  @Column({ name: 'card_fingerprint', type: 'text' }) cardFingerprint: string;
  @Column({ name: 'card_checks', type: 'jsonb' }) cardChecks: PaymentMethodCard['checks'];
  /** The connector that tokenised the card, and its opaque token, which is what an authorisation is sent. */
  @Column('text') connector: string;
  @Column({ name: 'connector_token', type: 'text' }) connectorToken: string;
  @Column({ name: 'billing_details', type: 'jsonb' }) billingDetails: BillingDetails;
  @Column('jsonb') metadata: Metadata;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
