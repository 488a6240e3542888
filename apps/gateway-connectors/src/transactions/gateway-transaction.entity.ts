import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { GatewayCustomerAction, UpiPaymentDetails } from '@payrail/contracts';

export type GatewayTransactionKind = 'authorization' | 'refund' | 'capture' | 'void';
/**
 * Whether the gateway's fee is known: `reported` (the fee columns hold it), `awaited` (the gateway charges one
 * but has not accounted it yet: the fee backfill asks again), `not_reported` (the gateway never tells, as the
 * sandbox and M-Pesa, or the transaction moved no money), `abandoned` (awaited past the give-up age).
 */
export type GatewayFeeStatus = 'reported' | 'awaited' | 'not_reported' | 'abandoned';

export type GatewayTransactionOutcome = 'succeeded' | 'declined' | 'failed' | 'pending' | 'requires_action';

/** One call to a gateway and what it answered. Never holds a card number. */
@Entity({ name: 'gateway_transactions', schema: 'connectors' })
export class GatewayTransactionEntity {
  @PrimaryColumn('text') id: string;
  @Column({ name: 'merchant_id', type: 'text' }) merchantId: string;
  @Column('boolean') livemode: boolean;
  @Column('text') connector: string;
  /** The merchant's gateway account the transaction went through; null for the built-in sandbox. */
  @Column({ name: 'gateway_account_id', type: 'text', nullable: true }) gatewayAccountId: string | null;
  @Column('text') kind: GatewayTransactionKind;
  @Column({ name: 'idempotency_key', type: 'text' }) idempotencyKey: string;
  /** The payment intent (authorisation, capture, void) or refund (refund) this transaction was made for. */
  @Column({ name: 'source_id', type: 'text' }) sourceId: string;
  /** The authorisation a refund, capture or void acts on, or that an authenticated authorisation completes. */
  @Column({ name: 'parent_id', type: 'text', nullable: true }) parentId: string | null;
  @Column('bigint') amount: string;
  @Column('text') currency: string;
  @Column({ name: 'capture_method', type: 'text', nullable: true }) captureMethod: 'automatic' | 'manual' | null;
  @Column('text') outcome: GatewayTransactionOutcome;
  @Column({ name: 'failure_code', type: 'text', nullable: true }) failureCode: string | null;
  @Column({ name: 'decline_code', type: 'text', nullable: true }) declineCode: string | null;
  @Column({ name: 'failure_message', type: 'text', nullable: true }) failureMessage: string | null;
  @Column({ name: 'network_status', type: 'text', nullable: true }) networkStatus: string | null;
  @Column({ name: 'risk_level', type: 'text', nullable: true }) riskLevel: string | null;
  @Column({ name: 'seller_message', type: 'text', nullable: true }) sellerMessage: string | null;
  @Column({ name: 'card_brand', type: 'text', nullable: true }) cardBrand: string | null;
  @Column({ name: 'card_last4', type: 'text', nullable: true }) cardLast4: string | null;
  @Column({ name: 'card_exp_month', type: 'integer', nullable: true }) cardExpMonth: number | null;
  @Column({ name: 'card_exp_year', type: 'integer', nullable: true }) cardExpYear: number | null;
  @Column({ name: 'card_funding', type: 'text', nullable: true }) cardFunding: string | null;
  @Column({ name: 'card_country', type: 'text', nullable: true }) cardCountry: string | null;
  @Column({ name: 'card_fingerprint', type: 'text', nullable: true }) cardFingerprint: string | null;
  /** Paid (or tried) by UPI: the payer's VPA as the gateway showed it; null for any other method. */
  @Column({ type: 'jsonb', nullable: true }) upi: UpiPaymentDetails | null;
  /** The gateway's own id for the transaction; ours (the `gtx_` id) is what other services hold. */
  @Column({ name: 'gateway_reference', type: 'text', nullable: true }) gatewayReference: string | null;
  /** A `requires_action` authorisation the customer finishes at the gateway: what to do there (Stripe's URL, Razorpay's order). */
  @Column({ name: 'customer_action', type: 'jsonb', nullable: true }) customerAction: GatewayCustomerAction | null;
  /** What the gateway charged for it, when it says (Stripe's balance-transaction fee, Razorpay's fee with tax); both or neither. */
  @Column({ name: 'gateway_fee_amount', type: 'bigint', nullable: true }) gatewayFeeAmount: string | null;
  @Column({ name: 'gateway_fee_currency', type: 'text', nullable: true }) gatewayFeeCurrency: string | null;
  /** With a fee the gateway took after converting the transaction: the gross it settled, in the fee's currency, and the rate (exact decimal text); both or neither. */
  @Column({ name: 'gateway_settled_amount', type: 'bigint', nullable: true }) gatewaySettledAmount: string | null;
  @Column({ name: 'gateway_exchange_rate', type: 'numeric', nullable: true }) gatewayExchangeRate: string | null;
  @Column({ name: 'gateway_fee_status', type: 'text' }) gatewayFeeStatus: GatewayFeeStatus;
  /** With an awaited fee: what to ask the gateway about (Stripe's charge id). */
  @Column({ name: 'gateway_fee_reference', type: 'text', nullable: true }) gatewayFeeReference: string | null;
  /** With an awaited fee: how many times the gateway was asked, and when to ask next. */
  @Column({ name: 'gateway_fee_checks', type: 'integer' }) gatewayFeeChecks: number;
  @Column({ name: 'gateway_fee_next_check_at', type: 'timestamptz', nullable: true }) gatewayFeeNextCheckAt: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
