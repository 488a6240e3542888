import { Column, Entity, PrimaryColumn } from 'typeorm';

const bigintAsNumber = { to: (value: number | null) => value, from: (value: string | null) => (value === null ? null : Number(value)) };

/** One of a merchant's routing rules in one mode; the accounts it names are the merchant's own. */
@Entity({ name: 'routing_rules', schema: 'connectors' })
export class RoutingRuleEntity {
  @PrimaryColumn('text') id: string;
  @Column({ name: 'merchant_id', type: 'text' }) merchantId: string;
  @Column('boolean') livemode: boolean;
  @Column('integer') priority: number;
  @Column({ name: 'payment_method_types', type: 'jsonb' }) paymentMethodTypes: string[];
  @Column('jsonb') currencies: string[];
  @Column({ name: 'amount_min', type: 'bigint', nullable: true, transformer: bigintAsNumber }) amountMin: number | null;
  @Column({ name: 'amount_max', type: 'bigint', nullable: true, transformer: bigintAsNumber }) amountMax: number | null;
  @Column({ name: 'match_metadata', type: 'jsonb' }) matchMetadata: Record<string, string>;
  @Column({ name: 'gateway_account_id', type: 'text' }) gatewayAccountId: string;
  @Column({ name: 'fallback_gateway_account_ids', type: 'jsonb' }) fallbackGatewayAccountIds: string[];
  @Column('jsonb') metadata: Record<string, string>;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
