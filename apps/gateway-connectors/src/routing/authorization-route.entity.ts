import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Where one authorisation attempt was sent, recorded before the gateway is called: one route per
 * idempotency key, forever, so a retry or a sync never asks a second gateway about the same attempt.
 */
@Entity({ name: 'authorization_routes', schema: 'connectors' })
export class AuthorizationRouteEntity {
  @PrimaryColumn({ name: 'idempotency_key', type: 'text' }) idempotencyKey: string;
  @Column({ name: 'merchant_id', type: 'text' }) merchantId: string;
  @Column('boolean') livemode: boolean;
  @Column('text') gateway: string;
  /** Null: the built-in sandbox. */
  @Column({ name: 'gateway_account_id', type: 'text', nullable: true }) gatewayAccountId: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
