import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, RefundPaymentPayload } from '@payrail/contracts';
import { ConnectorRefundsService } from './connector-refunds.service.js';

@Controller()
export class ConnectorRefundsHandler {
  constructor(private readonly service: ConnectorRefundsService) {}

  @MessagePattern(Patterns.ConnectorRefund)
  refund(@Payload() request: RefundPaymentPayload) {
    return this.service.refund(request.caller, request.params);
  }
}
