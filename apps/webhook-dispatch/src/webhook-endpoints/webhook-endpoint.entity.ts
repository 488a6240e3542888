import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { WebhookEndpointResource } from '@payrail/contracts';

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
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  /** Deleted endpoints are kept, out of every merchant-facing query, so that their attempt log survives. */
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true }) deletedAt: Date | null;
}
