import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One API request as the edge saw it: who, what, the answer, bodies redacted. */
@Entity({ name: 'request_logs', schema: 'gateway' })
export class RequestLogEntity {
  /** The request's own `Request-Id` (`req_…`). */
  @PrimaryColumn('text') id: string;
  @Column({ name: 'merchant_id', type: 'text' }) merchantId: string;
  @Column('boolean') livemode: boolean;
  /** Which credential: `key_…`, `oauth_client:…`, `signing_key:hk_…`; never a secret. */
  @Column({ type: 'text', nullable: true }) credential: string | null;
  @Column('text') method: string;
  @Column('text') path: string;
  @Column('integer') status: number;
  @Column({ name: 'request_body', type: 'jsonb', nullable: true }) requestBody: unknown;
  @Column({ name: 'response_body', type: 'jsonb', nullable: true }) responseBody: unknown;
  @Column({ name: 'source_address', type: 'text' }) sourceAddress: string;
  @Column({ name: 'user_agent', type: 'text', nullable: true }) userAgent: string | null;
  @Column({ name: 'idempotency_key', type: 'text', nullable: true }) idempotencyKey: string | null;
  @Column({ name: 'latency_ms', type: 'integer' }) latencyMs: number;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
