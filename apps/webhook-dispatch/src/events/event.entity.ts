import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'events', schema: 'webhooks' })
export class EventEntity {
  @PrimaryColumn('text') id: string;
  /** The id of the domain event this was made from: one public event per domain event. */
  @Column({ name: 'source_event_id', type: 'text' }) sourceEventId: string;
  @Column({ name: 'merchant_id', type: 'text' }) merchantId: string;
  @Column('boolean') livemode: boolean;
  @Column('text') type: string;
  @Column({ name: 'api_version', type: 'text' }) apiVersion: string;
  @Column('jsonb') data: { object: Record<string, unknown>; previous_attributes?: Record<string, unknown> };
  @Column({ name: 'request_id', type: 'text', nullable: true }) requestId: string | null;
  @Column({ name: 'idempotency_key', type: 'text', nullable: true }) idempotencyKey: string | null;
  @Column({ name: 'pending_webhooks', type: 'integer' }) pendingWebhooks: number;
  /** When the change happened (the event's `created`); `createdAt` is when it was recorded here, and orders lists. */
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt: Date;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  /** The trace its deliveries continue (W3C traceparent); null while tracing is off. */
  @Column({ type: 'text', nullable: true }) traceparent: string | null;
}
