import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, RefundPaymentPayload, SyncRefundPayload } from '@payrail/contracts';
import { ConnectorRefundsService } from './connector-refunds.service.js';

@Controller()
export class ConnectorRefundsHandler {
  constructor(private readonly service: ConnectorRefundsService) {}

  @MessagePattern(Patterns.ConnectorRefund)
  refund(@Payload() request: RefundPaymentPayload) {
    return this.service.refund(request.caller, request.params);
  }

  @MessagePattern(Patterns.ConnectorRefundSync)
  sync(@Payload() request: SyncRefundPayload) {
    return this.service.sync(request.caller, request.params);
  }
}
