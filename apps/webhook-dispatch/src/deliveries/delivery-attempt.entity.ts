import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One POST to an endpoint and how it went. Never holds the secret, the signature or the body sent. */
@Entity({ name: 'webhook_delivery_attempts', schema: 'webhooks' })
export class DeliveryAttemptEntity {
  @PrimaryColumn('text') id: string;
  @Column({ name: 'delivery_id', type: 'text' }) deliveryId: string;
  @Column('integer') attempt: number;
  @Column('boolean') succeeded: boolean;
  @Column({ name: 'status_code', type: 'integer', nullable: true }) statusCode: number | null;
  @Column({ name: 'duration_ms', type: 'integer' }) durationMs: number;
  @Column({ type: 'text', nullable: true }) error: string | null;
  /** The start of what the endpoint answered, capped and with anything secret-shaped redacted. */
  @Column({ name: 'response_body', type: 'text', nullable: true }) responseBody: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
