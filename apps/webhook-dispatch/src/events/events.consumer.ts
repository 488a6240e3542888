import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics, type LedgerEvent, type PaymentsEvent, type RefundsEvent } from '@payrail/contracts';
import { DeliveryDispatcher } from '../deliveries/delivery-dispatcher.js';
import { EventsService } from './events.service.js';

/** Payments, refunds and ledger events become the merchant's events and webhooks. */
@Controller()
export class EventsConsumer {
  constructor(
    private readonly service: EventsService,
    private readonly dispatcher: DeliveryDispatcher,
  ) {}

  @EventPattern(Topics.PaymentsEvents)
  onPaymentsEvent(@Payload() event: PaymentsEvent): Promise<void> {
    return this.consume(event);
  }

  @EventPattern(Topics.RefundsEvents)
  onRefundsEvent(@Payload() event: RefundsEvent): Promise<void> {
    return this.consume(event);
  }

  @EventPattern(Topics.LedgerEvents)
  onLedgerEvent(@Payload() event: LedgerEvent): Promise<void> {
    return this.consume(event);
  }

  private async consume(event: PaymentsEvent | RefundsEvent | LedgerEvent): Promise<void> {
    if ((await this.service.record(event)) > 0) this.dispatcher.nudge();
  }
}
