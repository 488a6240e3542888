import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { BillingDetails, PaymentMethodCard, Metadata } from '@payrail/contracts';

/**
 * A stored card or M-Pesa number: what may be shown about it and the connector's token for it, never a
 * card's number or CVC. Card columns are null for M-Pesa, the phone null for cards.
 */
@Entity({ name: 'payment_methods', schema: 'payments' })
export class PaymentMethodEntity {
  @PrimaryColumn('text') id: string;
  @Column({ name: 'merchant_id', type: 'text' }) merchantId: string;
  @Column('boolean') livemode: boolean;
  @Column('text') type: 'card' | 'mpesa';
  @Column({ name: 'customer_id', type: 'text', nullable: true }) customerId: string | null;
  @Column({ name: 'card_brand', type: 'text', nullable: true }) cardBrand: string | null;
  @Column({ name: 'card_last4', type: 'text', nullable: true }) cardLast4: string | null;
  @Column({ name: 'card_exp_month', type: 'integer', nullable: true }) cardExpMonth: number | null;
  @Column({ name: 'card_exp_year', type: 'integer', nullable: true }) cardExpYear: number | null;
  @Column({ name: 'card_funding', type: 'text', nullable: true }) cardFunding: string | null;
  @Column({ name: 'card_country', type: 'text', nullable: true }) cardCountry: string | null;
  @Column({ name: 'card_fingerprint', type: 'text', nullable: true }) cardFingerprint: string | null;
  @Column({ name: 'card_checks', type: 'jsonb', nullable: true }) cardChecks: PaymentMethodCard['checks'] | null;
  /** `2547XXXXXXXX` / `2541XXXXXXXX`. */
  @Column({ name: 'mpesa_phone_number', type: 'text', nullable: true }) mpesaPhoneNumber: string | null;
  /** The connector that tokenised the card, and its opaque token, which is what an authorisation is sent. */
  @Column('text') connector: string;
  @Column({ name: 'connector_token', type: 'text' }) connectorToken: string;
  @Column({ name: 'billing_details', type: 'jsonb' }) billingDetails: BillingDetails;
  @Column('jsonb') metadata: Metadata;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
