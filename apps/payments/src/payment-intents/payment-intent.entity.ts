import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LastPaymentError, PaymentIntentNextAction, PaymentIntentStatusValue } from '@payrail/contracts';

/** The gateway call a `processing` intent waits for: what a retry, a cancel or the sweeper asks the gateway about. */
export type InFlightStep =
  | { step: 'authorization'; attempt: number }
  | { step: 'authentication'; attempt: number }
  | { step: 'capture'; amount: string }
  | { step: 'void'; reason: string | null };

@Entity({ name: 'payment_intents', schema: 'payments' })
export class PaymentIntentEntity {
  @PrimaryColumn('text') id: string;
  @Column({ name: 'merchant_id', type: 'text' }) merchantId: string;
  @Column('boolean') livemode: boolean;
  @Column('bigint') amount: string;
  @Column('text') currency: string;
  @Column('text') status: PaymentIntentStatusValue;
  @Column({ name: 'capture_method', type: 'text' }) captureMethod: 'automatic' | 'manual';
  @Column({ name: 'confirmation_method', type: 'text' }) confirmationMethod: 'automatic' | 'manual';
  @Column({ name: 'client_secret', type: 'text' }) clientSecret: string;
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column('jsonb') metadata: Record<string, string>;
  @Column({ name: 'payment_method', type: 'text', nullable: true }) paymentMethod: string | null;
  @Column({ name: 'payment_method_types', type: 'text', array: true }) paymentMethodTypes: string[];
  @Column({ name: 'latest_charge', type: 'text', nullable: true }) latestCharge: string | null;
  @Column({ name: 'last_payment_error', type: 'jsonb', nullable: true }) lastPaymentError: LastPaymentError | null;
  @Column({ name: 'amount_received', type: 'bigint' }) amountReceived: string;
  @Column({ name: 'amount_capturable', type: 'bigint' }) amountCapturable: string;
  @Column({ type: 'text', nullable: true }) customer: string | null;
  @Column({ name: 'receipt_email', type: 'text', nullable: true }) receiptEmail: string | null;
  @Column({ name: 'statement_descriptor', type: 'text', nullable: true }) statementDescriptor: string | null;
  @Column({ name: 'canceled_at', type: 'timestamptz', nullable: true }) canceledAt: Date | null;
  @Column({ name: 'cancellation_reason', type: 'text', nullable: true }) cancellationReason: string | null;
  @Column('integer') attempts: number;
  @Column({ name: 'next_action', type: 'jsonb', nullable: true }) nextAction: PaymentIntentNextAction | null;
  @Column({ name: 'return_url', type: 'text', nullable: true }) returnUrl: string | null;
  /** The 3D Secure page's single-use token; null once used or when no authentication is pending. */
  @Column({ name: 'authentication_token', type: 'text', nullable: true }) authenticationToken: string | null;
  /** The gateway authorisation waiting for 3D Secure (its gateway reference). */
  @Column({ name: 'pending_authorization', type: 'text', nullable: true }) pendingAuthorization: string | null;
  /** The `Idempotency-Key` of the request that created the intent: unique per merchant and mode. */
  @Column({ name: 'idempotency_key', type: 'text', nullable: true }) idempotencyKey: string | null;
  /** The `Idempotency-Key` of the confirmation that claimed the intent last. */
  @Column({ name: 'confirmation_key', type: 'text', nullable: true }) confirmationKey: string | null;
  /** While `processing`: the gateway call it waits for. Null in every other status. */
  @Column({ name: 'in_flight', type: 'jsonb', nullable: true }) inFlight: InFlightStep | null;
  /** Reconciliation of a `processing` intent (see ProcessingReconciliationRepository); stale once it leaves `processing`. */
  /** The `updated_at` of the processing episode the schedule below belongs to. */
  @Column({ name: 'reconciliation_since', type: 'timestamptz', nullable: true }) reconciliationSince: Date | null;
  @Column({ name: 'reconciliation_attempts', type: 'integer' }) reconciliationAttempts: number;
  @Column({ name: 'reconciliation_next_at', type: 'timestamptz', nullable: true }) reconciliationNextAt: Date | null;
  @Column({ name: 'reconciliation_last_error', type: 'text', nullable: true }) reconciliationLastError: string | null;
  /** `gave_up`: a week of asking the gateway did not settle it; left as it is for an operator. */
  @Column({ type: 'text', nullable: true }) reconciliation: 'gave_up' | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
