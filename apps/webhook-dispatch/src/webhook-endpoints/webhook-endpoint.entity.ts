import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { WebhookEndpointResource } from '@payrail/contracts';
import type { WebhookSignatureScheme } from '@payrail/signing';

/** What a hidden endpoint is for: one transaction of the gateway API document, and how to sign its notifications. */
export interface TransactionTarget {
  /** The Checkout Session. */
  id: string;
  order_id: string | null;
  /** The signing key (`hk_…`) that created the payment. */
  signing_key: string;
  /** Learnt when the first payment attempt makes it (or from `checkout.session.completed`): its events, refunds and disputes are found by it. */
  payment_intent: string | null;
  /** How the session ended and when that was recorded (ISO 8601, UTC): what decides when the endpoint is retired. */
  ended?: 'complete' | 'expired';
  ended_at?: string;
}

@Entity({ name: 'webhook_endpoints', schema: 'webhooks' })
export class WebhookEndpointEntity {
  @PrimaryColumn('text') id: string;
  @Column({ name: 'merchant_id', type: 'text' }) merchantId: string;
  @Column('boolean') livemode: boolean;
  @Column('text') url: string;
  @Column({ name: 'enabled_events', type: 'text', array: true }) enabledEvents: string[];
  @Column('text') status: WebhookEndpointResource['status'];
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column({ name: 'api_version', type: 'text', nullable: true }) apiVersion: string | null;
  @Column('jsonb') metadata: Record<string, string>;
  /** The signing secret, sealed under PAYRAIL_SECRETS_KEY; only the dispatcher opens it, to sign. */
  @Column({ name: 'secret_sealed', type: 'text' }) secretSealed: string;
  @Column({ name: 'signature_scheme', type: 'text' }) signatureScheme: WebhookSignatureScheme;
  /** Delays before each retry, in seconds; `null` follows the platform's default schedule. */
  @Column({ name: 'retry_schedule', type: 'integer', array: true, nullable: true }) retrySchedule: number[] | null;
  /** After a rotation, the secret that keeps signing beside the new one until `previousSecretExpiresAt`. */
  @Column({ name: 'previous_secret_sealed', type: 'text', nullable: true }) previousSecretSealed: string | null;
  @Column({ name: 'previous_secret_expires_at', type: 'timestamptz', nullable: true }) previousSecretExpiresAt: Date | null;
  /** When the current streak of failed attempts began; `null` after any success. Long enough, and the endpoint is disabled. */
  @Column({ name: 'failing_since', type: 'timestamptz', nullable: true }) failingSince: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  /** Set on the hidden endpoint of one transaction, which no merchant-facing query shows. */
  @Column({ type: 'jsonb', nullable: true }) transaction: TransactionTarget | null;
  /** Deleted endpoints are kept, out of every merchant-facing query, so that their attempt log survives. */
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true }) deletedAt: Date | null;
}
