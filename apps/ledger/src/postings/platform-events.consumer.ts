import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics, type PaymentsEvent, type RefundsEvent } from '@payrail/contracts';
import { PlatformPostingsService } from './platform-postings.service.js';

/** Charges, refunds and disputes reach the books as events. */
@Controller()
export class PlatformEventsConsumer {
  constructor(private readonly postings: PlatformPostingsService) {}

  @EventPattern(Topics.PaymentsEvents)
  onPaymentsEvent(@Payload() event: PaymentsEvent): Promise<void> {
    return this.postings.onEvent(event);
  }

  @EventPattern(Topics.RefundsEvents)
  onRefundsEvent(@Payload() event: RefundsEvent): Promise<void> {
    return this.postings.onEvent(event);
  }
}
