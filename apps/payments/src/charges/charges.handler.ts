import { Controller } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, Topics, type RefundsEvent, type RequestOf } from '@payrail/contracts';
import { ChargesService } from './charges.service.js';

@Controller()
export class ChargesHandler {
  constructor(private readonly service: ChargesService) {}

  @MessagePattern(Patterns.ChargeForRefund)
  chargeForRefund(@Payload() request: RequestOf<typeof Patterns.ChargeForRefund>) {
    return this.service.chargeForRefund(request.caller, request.params);
  }

  @EventPattern(Topics.RefundsEvents)
  onRefundEvent(@Payload() event: RefundsEvent) {
    return this.service.onRefundEvent(event);
  }
}
