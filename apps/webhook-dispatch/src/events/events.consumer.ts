import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics, type LedgerEvent, type PaymentsEvent, type RefundsEvent } from '@payrail/contracts';
import { CONCURRENT_DELIVERY } from '@payrail/messaging';
import { DeliveryDispatcher } from '../deliveries/delivery-dispatcher.js';
import { EventRecorder } from './event-recorder.js';

/**
 * Payments, refunds and ledger events become the merchant's events and webhooks. They are taken a batch
 * at a time and recorded by one group commit (the recorder keeps their order).
 */
@Controller()
export class EventsConsumer {
  constructor(
    private readonly recorder: EventRecorder,
    private readonly dispatcher: DeliveryDispatcher,
  ) {}

  @EventPattern(Topics.PaymentsEvents, CONCURRENT_DELIVERY)
  onPaymentsEvent(@Payload() event: PaymentsEvent): Promise<void> {
    return this.consume(event);
  }

  @EventPattern(Topics.RefundsEvents, CONCURRENT_DELIVERY)
  onRefundsEvent(@Payload() event: RefundsEvent): Promise<void> {
    return this.consume(event);
  }

  @EventPattern(Topics.LedgerEvents, CONCURRENT_DELIVERY)
  onLedgerEvent(@Payload() event: LedgerEvent): Promise<void> {
    return this.consume(event);
  }

  private async consume(event: PaymentsEvent | RefundsEvent | LedgerEvent): Promise<void> {
    if ((await this.recorder.record(event)) > 0) this.dispatcher.nudge();
  }
}
