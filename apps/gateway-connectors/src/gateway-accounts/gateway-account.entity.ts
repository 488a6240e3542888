import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A merchant's account at a gateway. The secrets are sealed under PAYRAIL_SECRETS_KEY with the id as associated data. */
@Entity({ name: 'gateway_accounts', schema: 'connectors' })
export class GatewayAccountEntity {
  @PrimaryColumn('text') id: string;
  @Column({ name: 'merchant_id', type: 'text' }) merchantId: string;
  @Column('boolean') livemode: boolean;
  @Column('text') gateway: string;
  /** The credentials as one JSON object, sealed; only the connector registry opens it, to build a connector. */
  @Column({ name: 'credentials_sealed', type: 'text' }) credentialsSealed: string;
  @Column({ name: 'credential_hints', type: 'jsonb' }) credentialHints: Record<string, string>;
  @Column({ name: 'webhook_secret_sealed', type: 'text', nullable: true }) webhookSecretSealed: string | null;
  @Column({ name: 'webhook_secret_hint', type: 'text', nullable: true }) webhookSecretHint: string | null;
  @Column('boolean') enabled: boolean;
  @Column('jsonb') metadata: Record<string, string>;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  /**
   * Deleted accounts leave every merchant-facing query and routing, but keep their sealed credentials:
   * captures and refunds of the payments they took still reach the gateway that holds the money.
   */
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true }) deletedAt: Date | null;
}
