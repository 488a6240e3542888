import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CheckoutPaymentIntentDataInput, CheckoutPaymentStatus, CheckoutSessionStatus, Metadata } from '@payrail/contracts';

/** A line item as stored: its price and product are the session's own (inline `price_data`). */
export interface StoredLineItem {
  id: string;
  priceId: string;
  productId: string;
  name: string;
  description: string | null;
  images: string[];
  unitAmount: number;
  quantity: number;
  amountTotal: number;
}

@Entity({ name: 'checkout_sessions', schema: 'payments' })
export class CheckoutSessionEntity {
  @PrimaryColumn('text') id: string;
  @Column({ name: 'merchant_id', type: 'text' }) merchantId: string;
  @Column('boolean') livemode: boolean;
  @Column('text') status: CheckoutSessionStatus;
  @Column({ name: 'payment_status', type: 'text' }) paymentStatus: CheckoutPaymentStatus;
  @Column('text') currency: string;
  @Column({ name: 'amount_subtotal', type: 'bigint' }) amountSubtotal: string;
  @Column({ name: 'amount_total', type: 'bigint' }) amountTotal: string;
  @Column({ name: 'line_items', type: 'jsonb' }) lineItems: StoredLineItem[];
  @Column({ name: 'success_url', type: 'text' }) successUrl: string;
  @Column({ name: 'cancel_url', type: 'text', nullable: true }) cancelUrl: string | null;
  @Column({ type: 'text', nullable: true }) customer: string | null;
  @Column({ name: 'customer_email', type: 'text', nullable: true }) customerEmail: string | null;
  /** The name the customer gave on the hosted page. */
  @Column({ name: 'customer_name', type: 'text', nullable: true }) customerName: string | null;
  @Column({ name: 'client_reference_id', type: 'text', nullable: true }) clientReferenceId: string | null;
  /** The gateway API's order id (`POST /api/v1/pay`): unique per merchant and mode. */
  @Column({ name: 'order_id', type: 'text', nullable: true }) orderId: string | null;
  /** What defined the `/pay` request that made it (see order-fingerprint.ts); null without an order id, or made before it was kept. */
  @Column({ name: 'order_fingerprint', type: 'text', nullable: true }) orderFingerprint: string | null;
  @Column({ name: 'customer_phone', type: 'text', nullable: true }) customerPhone: string | null;
  @Column('jsonb') metadata: Metadata;
  @Column({ name: 'payment_method_types', type: 'jsonb' }) paymentMethodTypes: string[];
  @Column({ name: 'payment_intent_data', type: 'jsonb' }) paymentIntentData: CheckoutPaymentIntentDataInput;
  /** Created at the first payment attempt (as on Stripe), once: under a key derived from the session. */
  @Column({ name: 'payment_intent', type: 'text', nullable: true }) paymentIntent: string | null;
  @Column({ type: 'text', nullable: true }) locale: string | null;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt: Date;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
