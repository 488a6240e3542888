import type { GatewayCallbackOutcome } from '@payrail/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One verified gateway callback, kept once per (receiver, gateway event id): a replayed or redelivered
 * event finds its row and changes nothing. Never holds the raw body (it may carry card or customer data).
 */
@Entity({ name: 'gateway_callbacks', schema: 'connectors' })
export class GatewayCallbackEntity {
  @PrimaryColumn('text') id: string;
  /**
   * The gateway account the callback came to, or `sandbox` for the built-in sandbox's simulated ones.
   * Part of the dedup key: a merchant signing an event id with its own secret cannot pre-empt another's.
   */
  @Column('text') receiver: string;
  @Column('text') gateway: string;
  @Column({ name: 'gateway_event_id', type: 'text' }) gatewayEventId: string;
  @Column({ name: 'event_type', type: 'text' }) eventType: string;
  @Column({ name: 'merchant_id', type: 'text' }) merchantId: string;
  @Column('boolean') livemode: boolean;
  /** The Payrail payment the event is about; null when none of the receiver's was found (recorded, not acted on). */
  @Column({ name: 'payment_intent_id', type: 'text', nullable: true }) paymentIntentId: string | null;
  @Column({ type: 'jsonb', nullable: true }) outcome: GatewayCallbackOutcome | null;
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt: Date;
}
