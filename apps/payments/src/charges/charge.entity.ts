import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CardDetails, ChargeGateway, ChargeResource, UpiPaymentDetails } from '@payrail/contracts';

@Entity({ name: 'charges', schema: 'payments' })
export class ChargeEntity {
  @PrimaryColumn('text') id: string;
  @Column({ name: 'merchant_id', type: 'text' }) merchantId: string;
  @Column('boolean') livemode: boolean;
  @Column({ name: 'payment_intent_id', type: 'text' }) paymentIntentId: string;
  @Column('bigint') amount: string;
  @Column({ name: 'amount_captured', type: 'bigint' }) amountCaptured: string;
  @Column({ name: 'amount_refunded', type: 'bigint' }) amountRefunded: string;
  @Column('boolean') disputed: boolean;
  @Column('text') currency: string;
  @Column('text') status: ChargeResource['status'];
  @Column({ name: 'payment_method', type: 'text', nullable: true }) paymentMethod: string | null;
  @Column({ type: 'jsonb', nullable: true }) card: CardDetails | null;
  /** Paid (or tried) by UPI: the payer's VPA; `card` is then the gateway's empty card. Null for other methods. */
  @Column({ type: 'jsonb', nullable: true }) upi: UpiPaymentDetails | null;
  @Column('jsonb') outcome: ChargeResource['outcome'];
  @Column({ name: 'failure_code', type: 'text', nullable: true }) failureCode: string | null;
  @Column({ name: 'failure_message', type: 'text', nullable: true }) failureMessage: string | null;
  @Column('text') connector: string;
  @Column({ name: 'gateway_reference', type: 'text' }) gatewayReference: string;
  /** The account that took the charge and every account tried, as gateway-connectors answered; null on older charges. */
  @Column({ type: 'jsonb', nullable: true }) gateway: ChargeGateway | null;
  @Column('jsonb') metadata: Record<string, string>;
  @Column({ type: 'text', nullable: true }) customer: string | null;
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column({ name: 'receipt_email', type: 'text', nullable: true }) receiptEmail: string | null;
  @Column({ name: 'statement_descriptor', type: 'text', nullable: true }) statementDescriptor: string | null;
  @Column({ name: 'receipt_number', type: 'text', nullable: true }) receiptNumber: string | null;
  /** The receipt page's unguessable token: whoever has the receipt URL may see the receipt. */
  @Column({ name: 'receipt_token', type: 'text', nullable: true }) receiptToken: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
